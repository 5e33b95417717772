namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>scores.csv</c>, from <c>rpt_scores</c>.</summary>
public sealed class ScoreRecord : UnitRecord
{
    public decimal? TotalScore { get; set; }
    public string? Grade { get; set; }
    public decimal? PerformanceScore { get; set; }
    public decimal? ManagementScore { get; set; }
    public long? GroupSize { get; set; }
    public long? RankInGroup { get; set; }
    public decimal? GroupMedianScore { get; set; }
    public decimal? DiffFromMedian { get; set; }
    public bool IsBenchmark { get; set; }
    public string? BenchmarkDepartmentName { get; set; }
    public decimal? BenchmarkScore { get; set; }
    public decimal? DiffFromBenchmark { get; set; }
    public string? Source { get; set; }
    public int? TotalScoreEvidenceLine { get; set; }
    public string? TotalScoreEvidenceQuote { get; set; }
}

/// <summary>The columns of <c>scores.csv</c>.</summary>
public sealed class ScoreRecordMap : UnitRecordMap<ScoreRecord>
{
    public ScoreRecordMap()
    {
        UnitColumns();
        Figure(r => r.TotalScore, "自评总分");
        Text(r => r.Grade, "等级");
        Figure(r => r.PerformanceScore, "履职效能得分");
        Figure(r => r.ManagementScore, "管理效率得分");
        Whole(r => r.GroupSize, "同组单位数");
        Whole(r => r.RankInGroup, "组内排名");
        Figure(r => r.GroupMedianScore, "组中位数");
        Figure(r => r.DiffFromMedian, "与中位数差");
        Flag(r => r.IsBenchmark, "市级标杆");
        Text(r => r.BenchmarkDepartmentName, "市级标杆单位");
        Figure(r => r.BenchmarkScore, "市级标杆得分");
        Figure(r => r.DiffFromBenchmark, "与市级标杆差");
        Text(r => r.Source, "来源文件");
        Whole(r => r.TotalScoreEvidenceLine, "自评总分行号");
        Text(r => r.TotalScoreEvidenceQuote, "自评总分原文");
    }
}

using System.Text;

namespace PerfEval.Bench.Generate;

/// <summary>Files an inbox really holds that are not readable reports: empty, binary, truncated, a meeting notice.</summary>
public static class BadFiles
{
    public static (byte[] Bytes, string Tag) Make(Random rng, Facts f)
    {
        switch (rng.Next(4))
        {
            case 0:
                return ([], "empty");
            case 1:
                // A PDF saved with a .txt name: binary, with NUL bytes.
                var bin = new byte[4096 + rng.Next(8192)];
                rng.NextBytes(bin);
                var head = Encoding.ASCII.GetBytes("%PDF-1.4\n% SYNTHETIC TEST FILE\n");
                head.CopyTo(bin, 0);
                bin[head.Length] = 0;
                return (bin, "binary");
            case 2:
                // A download cut off inside a multi-byte character.
                var (doc, _) = NarrativeReport.Render(f);
                var full = new UTF8Encoding(false).GetBytes(doc.Render(Artefacts.Plain));
                var cut = full.Length / 2 + rng.Next(full.Length / 3);
                while (cut < full.Length && (full[cut] & 0xC0) != 0x80) cut++;
                return (full[..Math.Min(cut, full.Length - 1)], "truncated");
            default:
                return (new UTF8Encoding(false).GetBytes(Notice(rng, f)), "notice");
        }
    }

    /// <summary>A meeting notice: Chinese, official, from the same department, and not a self-evaluation report.</summary>
    static string Notice(Random rng, Facts f)
    {
        var y = f.Year + 1;
        var (m, d) = (rng.Next(1, 13), rng.Next(1, 29));
        var sb = new StringBuilder();
        sb.Append(Doc.Banner).Append("\n\n");
        sb.Append($"关于召开{y}年度工作会议的通知\n\n各科室、直属单位：\n\n");
        sb.Append($"经研究，定于{y}年{m}月{d}日上午9:30在{f.DeptName}三楼会议室召开{y}年度工作会议，现将有关事项通知如下：\n\n");
        sb.Append("一、会议内容\n\n总结上一年度工作，部署本年度重点任务，表彰先进集体和个人。\n\n");
        sb.Append("二、参会人员\n\n各科室负责人、直属单位主要负责人。\n\n");
        sb.Append("三、有关要求\n\n请参会人员提前10分钟到场签到，会议期间将手机调至静音状态。如有特殊情况不能参会，请提前向办公室请假。\n\n");
        sb.Append($"{f.DeptName}办公室\n\n{y}年{m}月{Math.Max(1, d - 3)}日\n");
        return sb.ToString();
    }
}

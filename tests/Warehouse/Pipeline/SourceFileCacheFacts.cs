using System.Text;
using PerfEval.Etl.Export;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Pipeline;

/// <summary>
/// A rerun reads only the files whose size or last-write time changed since they were hashed (etl_source_file),
/// never trusts a time too close to the hashing, and keeps a briefing pack written from the same data.
/// </summary>
public sealed class SourceFileCacheFacts : IDisposable
{
    static readonly DateTime AnHourAgo = DateTime.UtcNow.AddHours(-1);

    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    /// <summary>Two reports whose file texts have the same length, so one can replace the other keeping the size.</summary>
    string AddTwinReports()
    {
        var path = warehouse.AddReport("a.txt", "report A1", Seeds.Seed000);
        warehouse.Reports["report A2"] = () =>
        {
            var corrected = Seeds.Seed000();
            corrected.Score.Total = 97.00m;
            return corrected;
        };
        return path;
    }

    static void Rewrite(string path, string text, DateTime lastWriteUtc)
    {
        File.WriteAllText(path, text, new UTF8Encoding(false));
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
    }

    [Fact]
    public async Task Rerun_SameSizeAndTime_TakesTheRecordedHashWithoutReading_UnlessRehash()
    {
        var path = AddTwinReports();
        File.SetLastWriteTimeUtc(path, AnHourAgo);
        (await warehouse.RunAsync()).DocumentsNew.ShouldBe(1);
        warehouse.Count("select count(*) from etl_source_file").ShouldBe(1);

        // Same length, same time, other bytes: only a tool that restores times does this; the cache cannot see it.
        Rewrite(path, "report A2", AnHourAgo);
        var trusted = await warehouse.RunAsync();
        trusted.DocumentsNew.ShouldBe(0);
        trusted.DocumentsUnchanged.ShouldBe(1);

        var rehashed = await LoadPipeline.RunAsync(warehouse.Options() with { Rehash = true });
        rehashed.DocumentsNew.ShouldBe(1, "--rehash reads every file");
        warehouse.Count("select count(*) from fct_evaluation where is_current and total_score = 97.00").ShouldBe(1);
    }

    [Fact]
    public async Task Rerun_FileWrittenJustBeforeItWasHashed_IsReadAgain()
    {
        var path = AddTwinReports();
        var justNow = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(path, justNow);
        (await warehouse.RunAsync()).DocumentsNew.ShouldBe(1);

        // Changed in the same clock tick as the hashing: size and time as recorded, but the time was too close to trust.
        Rewrite(path, "report A2", justNow);
        var second = await warehouse.RunAsync();

        second.DocumentsNew.ShouldBe(1);
        warehouse.Count("select count(*) from fct_evaluation where is_current and total_score = 97.00").ShouldBe(1);
    }

    [Fact]
    public async Task Rerun_FileWithANewTime_IsReadAndItsNewHashRecorded()
    {
        var path = AddTwinReports();
        File.SetLastWriteTimeUtc(path, AnHourAgo.AddMinutes(-30));
        await warehouse.RunAsync();

        Rewrite(path, "report A2", AnHourAgo);
        (await warehouse.RunAsync()).DocumentsNew.ShouldBe(1);

        warehouse.Count("select count(*) from etl_source_file").ShouldBe(1);
        warehouse.Count($"select count(*) from etl_source_file where last_write_utc_ticks = {AnHourAgo.Ticks}").ShouldBe(1);
        (await warehouse.RunAsync()).DocumentsUnchanged.ShouldBe(1);
    }

    [Fact]
    public async Task Run_FailedLoad_RecordsNoHashes()
    {
        var path = AddTwinReports();
        File.SetLastWriteTimeUtc(path, AnHourAgo);

        await Should.ThrowAsync<InvalidOperationException>(() =>
            warehouse.RunAsync(afterStage: stage => { if (stage == "staged") throw new InvalidOperationException("injected"); }));

        warehouse.Count("select count(*) from etl_source_file").ShouldBe(0);
    }

    [Fact]
    public async Task Run_WarehouseAndPackInFoldersWithQuotesAndChinese_LoadsAndWritesThePack()
    {
        Seeds.AddAll(warehouse);
        // Both paths go into SQL (ATTACH of the working copy, COPY of each CSV) as quoted literals.
        var folder = Path.Combine(warehouse.Root, "绩效 it's");
        var options = warehouse.Options() with { WarehousePath = Path.Combine(folder, "仓库.duckdb"), ExportsPath = Path.Combine(folder, "导出 'pack'") };

        var summary = await LoadPipeline.RunAsync(options);

        summary.ExportError.ShouldBeNull();
        summary.ExportedFiles.Count.ShouldBe(BriefingPack.Files.Count);
        File.ReadAllText(summary.ExportedFiles[0]).ShouldContain("98.94");
        (await LoadPipeline.RunAsync(options)).DocumentsUnchanged.ShouldBe(summary.DocumentsNew, "the second load attaches a copy of the published file");
    }

    /// <summary>Loads the seeds with the briefing pack written to <c>exports</c>, then adds a corrected upload of seed 000 (total 98.95).</summary>
    async Task<(RunOptions Options, string Exports, Dictionary<string, byte[]> Before)> LoadWithPackThenCorrectASeedAsync()
    {
        Seeds.AddAll(warehouse);
        var exports = Path.Combine(warehouse.Root, "exports");
        var options = warehouse.Options() with { ExportsPath = exports };
        var first = await LoadPipeline.RunAsync(options);
        var before = first.ExportedFiles.ToDictionary(f => f, File.ReadAllBytes);
        warehouse.AddReport("000.txt", "seed 000, corrected", () =>
        {
            var corrected = Seeds.Seed000();
            corrected.Score.Total = 98.95m;
            return corrected;
        });
        return (options, exports, before);
    }

    [Fact]
    public async Task Run_PublishFailsAfterThePackWasWritten_LeavesThePackAsItWas()
    {
        var (options, exports, before) = await LoadWithPackThenCorrectASeedAsync();
        // The publish clears a stale log beside the snapshot before its rename: a folder there makes it fail,
        // after the pack of the new data was written beside the old one.
        Directory.CreateDirectory(warehouse.WarehousePath + ".wal/in-the-way");

        await Should.ThrowAsync<Exception>(() => LoadPipeline.RunAsync(options));

        foreach (var (file, bytes) in before) File.ReadAllBytes(file).ShouldBe(bytes, $"{Path.GetFileName(file)} is the old pack's");
        Directory.EnumerateFiles(exports, "*.partial").ShouldBeEmpty("the files written for the failed publish are gone");
        Directory.Delete(warehouse.WarehousePath + ".wal", recursive: true);
        (await LoadPipeline.RunAsync(options)).ExportedFiles.Select(File.ReadAllBytes).ShouldNotBe(before.Values, "the next run writes the new pack");
    }

    [Theory]
    [InlineData("checked")]
    [InlineData("committed")]
    public async Task Run_FailsWhileThePackIsWritten_LeavesThePackAndTheWarehouseAsTheyWere(string failingStage)
    {
        // The pack is written from the working copy as soon as the reports are built, beside the checks and the publish.
        var (options, exports, before) = await LoadWithPackThenCorrectASeedAsync();

        var fault = await Should.ThrowAsync<InvalidOperationException>(() => LoadPipeline.RunAsync(options with
        {
            AfterStage = stage => { if (stage == failingStage) throw new InvalidOperationException("injected"); },
        }));

        fault.Message.ShouldBe("injected");
        foreach (var (file, bytes) in before) File.ReadAllBytes(file).ShouldBe(bytes, $"{Path.GetFileName(file)} is the old pack's");
        Directory.EnumerateFiles(exports, "*.partial").ShouldBeEmpty("the files written for the failed load are gone");
        warehouse.Count("select count(*) from fct_evaluation where total_score = 98.95").ShouldBe(0, "nothing of the failed load was published");
        var next = await LoadPipeline.RunAsync(options);
        next.DocumentsNew.ShouldBe(1);
        File.ReadAllText(next.ExportedFiles[0]).ShouldContain("98.95", customMessage: "the next run writes the new pack");
    }

    [Fact]
    public async Task Run_NothingChanged_KeepsTheBriefingPack_AndRewritesItWhenAFileOrTheDataChanged()
    {
        Seeds.AddAll(warehouse);
        var exports = Path.Combine(warehouse.Root, "exports");
        var options = warehouse.Options() with { ExportsPath = exports };
        var first = await LoadPipeline.RunAsync(options);
        first.ExportedFiles.Count.ShouldBe(BriefingPack.Files.Count);
        File.Exists(Path.Combine(exports, BriefingPack.StampFile)).ShouldBeTrue();
        foreach (var file in first.ExportedFiles) File.SetLastWriteTimeUtc(file, AnHourAgo);

        var second = await LoadPipeline.RunAsync(options);
        second.ExportedFiles.ShouldBe(first.ExportedFiles);
        second.ExportedFiles.ShouldAllBe(f => File.GetLastWriteTimeUtc(f) == AnHourAgo, "same data: the pack is kept");

        File.Delete(first.ExportedFiles[2]);
        var third = await LoadPipeline.RunAsync(options);
        File.Exists(first.ExportedFiles[2]).ShouldBeTrue("a missing file means the pack is written again");
        third.ExportedFiles[0].ShouldSatisfyAllConditions(f => File.GetLastWriteTimeUtc(f).ShouldNotBe(AnHourAgo));

        var scores = File.ReadAllText(first.ExportedFiles[0]);
        warehouse.AddReport("000.txt", "seed 000, corrected", () =>
        {
            var corrected = Seeds.Seed000();
            corrected.Score.Total = 98.95m;
            return corrected;
        });
        var lines = new List<string>();
        var updated = await LoadPipeline.RunAsync(options with { MaxDegreeOfParallelism = 2 }, new SynchronousProgress(lines.Add));
        File.ReadAllText(first.ExportedFiles[0]).ShouldNotBe(scores, "new data: the pack is written from it");
        // The update ran on two connections and wrote the files of the per-document reports while it built the others:
        // the pack is the one `perfeval export` writes from the published warehouse, file by file.
        lines.ShouldContain(l => l.Contains("per-document tables updated for", StringComparison.Ordinal) && l.Contains(" on 2 connections", StringComparison.Ordinal));
        var exported = BriefingPack.Write(new WarehouseFile(warehouse.WarehousePath), Path.Combine(warehouse.Root, "exported"));
        updated.ExportedFiles.Select(Path.GetFileName).ShouldBe(BriefingPack.Files.Select(f => f.File));
        for (var i = 0; i < exported.Count; i++)
            File.ReadAllBytes(updated.ExportedFiles[i]).ShouldBe(File.ReadAllBytes(exported[i]), Path.GetFileName(exported[i]));

        // `perfeval export` writes a pack the stamp does not describe (it may be filtered): the stamp goes.
        BriefingPack.Write(new WarehouseFile(warehouse.WarehousePath), exports, year: 2022);
        File.Exists(Path.Combine(exports, BriefingPack.StampFile)).ShouldBeFalse();
        foreach (var file in first.ExportedFiles) File.SetLastWriteTimeUtc(file, AnHourAgo);
        await LoadPipeline.RunAsync(options);
        first.ExportedFiles.ShouldAllBe(f => File.GetLastWriteTimeUtc(f) != AnHourAgo);
    }
}

/// <summary>The files the extraction fan-out leaves out of its batches: those a load would not even read.</summary>
public sealed class UnchangedFilesFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task Exclude_LeavesOutFilesTheWarehouseKnowsUnchanged_AndKeepsTheRest()
    {
        Seeds.AddAll(warehouse);
        var files = PerfEval.Etl.Sources.FolderSource.Expand([warehouse.Inbox]);
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        foreach (var file in files) File.SetLastWriteTimeUtc(file, anHourAgo);
        var published = new WarehouseFile(warehouse.WarehousePath);

        (await UnchangedFiles.ExcludeAsync(published, files, PerfEval.Etl.Extract.Extractor.Version)).ShouldBe(files, "no warehouse yet");

        await warehouse.RunAsync();
        (await UnchangedFiles.ExcludeAsync(published, files, PerfEval.Etl.Extract.Extractor.Version)).ShouldBeEmpty();
        (await UnchangedFiles.ExcludeAsync(published, files, "0.0.0-other")).ShouldBe(files, "another extractor version reads everything again");

        File.SetLastWriteTimeUtc(files[1], anHourAgo.AddMinutes(5));
        (await UnchangedFiles.ExcludeAsync(published, files, PerfEval.Etl.Extract.Extractor.Version)).ShouldBe([files[1]]);
    }
}

/// <summary>Reports progress on the calling thread, in order.</summary>
file sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}

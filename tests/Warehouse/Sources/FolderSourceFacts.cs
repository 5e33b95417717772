using System.Text;
using PerfEval.Etl.Sources;

namespace PerfEval.Tests.Warehouse.Sources;

public sealed class FolderSourceFacts : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"));

    public FolderSourceFacts() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    string Write(string relative, string text = "x")
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Expand_NestedFolders_ListsReportsRecursivelyInOrdinalOrder()
    {
        var b = Write("2023/b.txt");
        var a = Write("2022/deep/a.TXT");
        var c = Write("c.html");
        Write("notes.pdf");

        FolderSource.Expand([root]).ShouldBe([a, b, c]);
    }

    [Fact]
    public void Expand_FileNamedTwiceAndInsideAFolderNamed_IsListedOnce()
    {
        var a = Write("a.txt");

        FolderSource.Expand([a, root, a]).ShouldBe([a]);
    }

    [Fact]
    public async Task ReadAsync_File_IdentifiesItBySha256OfItsBytes()
    {
        var path = Write("a.txt", "abc");

        var document = await SourceDocument.ReadAsync(path);

        document.Bytes.ShouldBe(Encoding.ASCII.GetBytes("abc"));
        document.Sha256.ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public async Task ReadAsync_FileOverTheCap_IsHashedInAStreamButNotRead()
    {
        var path = Path.Combine(root, "大 文件.txt");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write)) file.SetLength(64L << 20); // sparse: no disk space

        var document = await SourceDocument.ReadAsync(path);

        document.IsTooLarge.ShouldBeTrue();
        document.Bytes.ShouldBeNull();
        document.SizeBytes.ShouldBe(64L << 20);
        document.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[64 << 20])));
    }
}

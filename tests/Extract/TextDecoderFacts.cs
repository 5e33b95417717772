using System.Text;
using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

public sealed class TextDecoderFacts
{
    const string Report = "广州市工商业联合会 2022 年部门整体支出绩效自评报告\n自评总分为98.94分，执行率为100%。\n一、基本情况\n";

    static TextDecoderFacts() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static byte[] Utf8(string s) => new UTF8Encoding(false).GetBytes(s);

    [Fact]
    public void Decode_Utf8WithoutBom_DetectsUtf8()
    {
        var decoded = TextDecoder.Decode(Utf8(Report));

        decoded.Encoding.ShouldBe("utf-8");
        decoded.Text.ShouldBe(Report);
    }

    [Fact]
    public void Decode_Utf8WithBom_DetectsUtf8BomAndDropsIt()
    {
        var decoded = TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Utf8(Report)]);

        decoded.Encoding.ShouldBe("utf-8-bom");
        decoded.Text.ShouldBe(Report);
    }

    [Fact]
    public void Decode_Gb18030Bytes_DetectsGb18030()
    {
        var decoded = TextDecoder.Decode(Encoding.GetEncoding("GB18030").GetBytes(Report));

        decoded.Encoding.ShouldBe("gb18030");
        decoded.Text.ShouldBe(Report);
    }

    [Fact]
    public void Decode_GbkOnlyCharacters_DetectsGb18030()
    {
        const string text = "项目名称：工商界联络建设经费（“专精特新”）——预算执行率９８．９４％\n";

        var decoded = TextDecoder.Decode(Encoding.GetEncoding(936).GetBytes(text));

        decoded.Encoding.ShouldBe("gb18030");
        decoded.Text.ShouldBe(text);
    }

    [Fact]
    public void Decode_Utf16LeWithBom_DetectsUtf16Le()
    {
        var decoded = TextDecoder.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Report)]);

        decoded.Encoding.ShouldBe("utf-16le");
        decoded.Text.ShouldBe(Report);
    }

    [Fact]
    public void Decode_Utf16BeWithBom_DetectsUtf16Be()
    {
        var decoded = TextDecoder.Decode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Report)]);

        decoded.Encoding.ShouldBe("utf-16be");
        decoded.Text.ShouldBe(Report);
    }

    [Fact]
    public void Decode_BomlessUtf16LeMostlyAscii_DetectsUtf16Le()
    {
        const string text = "Self-evaluation report 2022: total score 98.94, execution rate 100%.\n自评总分98.94\n";

        var decoded = TextDecoder.Decode(Encoding.Unicode.GetBytes(text));

        decoded.Encoding.ShouldBe("utf-16le");
        decoded.Text.ShouldBe(text);
    }

    [Fact]
    public void Decode_BomlessUtf16BeMostlyAscii_DetectsUtf16Be()
    {
        const string text = "Self-evaluation report 2022: total score 98.94, execution rate 100%.\n自评总分98.94\n";

        var decoded = TextDecoder.Decode(Encoding.BigEndianUnicode.GetBytes(text));

        decoded.Encoding.ShouldBe("utf-16be");
        decoded.Text.ShouldBe(text);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Decode_BomlessUtf16LeSeed_DetectsUtf16Le(string seed)
    {
        var text = File.ReadAllText(Path.Combine(SourceText.SamplesDir, seed), Encoding.UTF8);

        var decoded = TextDecoder.Decode(Encoding.Unicode.GetBytes(text));

        decoded.Error.ShouldBeNull();
        decoded.Encoding.ShouldBe("utf-16le");
        decoded.Text.ShouldBe(text);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Decode_Seed_DetectsUtf8AndKeepsEveryCharacter(string seed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SourceText.SamplesDir, seed));

        var decoded = TextDecoder.Decode(bytes);

        decoded.Encoding.ShouldBe("utf-8");
        decoded.Text.ShouldBe(SourceText.Decode(bytes));
    }

    [Fact]
    public void Decode_EmptyFile_RejectsAsEmpty()
    {
        var decoded = TextDecoder.Decode([]);

        decoded.IsOk.ShouldBeFalse();
        decoded.Text.ShouldBeNull();
        decoded.Error.ShouldNotBeNull().ShouldContain("empty");
    }

    [Theory]
    [InlineData(" \n\t\r\n   \n")]
    [InlineData("\u3000\u3000\n")]
    public void Decode_WhitespaceOnly_RejectsAsEmpty(string text)
    {
        var decoded = TextDecoder.Decode(Utf8(text));

        decoded.IsOk.ShouldBeFalse();
        decoded.Error.ShouldNotBeNull().ShouldContain("whitespace");
    }

    [Fact]
    public void Decode_Utf16BomThenNothing_RejectsAsEmpty()
    {
        var decoded = TextDecoder.Decode([0xFF, 0xFE]);

        decoded.IsOk.ShouldBeFalse();
        decoded.Error.ShouldNotBeNull().ShouldContain("empty");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Decode_RandomBinaryBytes_RejectsWithReason(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);

        var decoded = TextDecoder.Decode(bytes);

        decoded.IsOk.ShouldBeFalse();
        decoded.Text.ShouldBeNull();
        decoded.Error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decode_RandomBytesWithoutNul_RejectsWithReason()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == 0) bytes[i] = 0xFF;

        var decoded = TextDecoder.Decode(bytes);

        decoded.IsOk.ShouldBeFalse();
        decoded.Error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decode_PngHeader_RejectsAsBinary()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06];

        var decoded = TextDecoder.Decode(png);

        decoded.IsOk.ShouldBeFalse();
        decoded.Error.ShouldNotBeNull().ShouldContain("binary");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Decode_Utf8TruncatedInsideCharacter_RejectsAsTruncated(int cut)
    {
        var bytes = Utf8(Report.TrimEnd() + "报告");

        var decoded = TextDecoder.Decode(bytes.AsSpan(0, bytes.Length - cut));

        decoded.IsOk.ShouldBeFalse();
        decoded.Error.ShouldNotBeNull().ShouldContain("truncated");
    }

    [Fact]
    public void Decode_Gb18030TruncatedInsideCharacter_NeverReturnsMojibake()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Report.TrimEnd() + "报告");

        var decoded = TextDecoder.Decode(bytes.AsSpan(0, bytes.Length - 1));

        // Either refused, or read as GB18030 with the broken last character dropped or replaced.
        if (decoded.IsOk) decoded.Text.ShouldStartWith(Report.TrimEnd());
        else decoded.Error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decode_FileOverMaxBytes_RejectsAsTooLarge()
    {
        var bytes = new byte[TextDecoder.MaxBytes + 1];
        bytes.AsSpan().Fill((byte)'a');

        var decoded = TextDecoder.Decode(bytes);

        decoded.IsOk.ShouldBeFalse();
        decoded.Error.ShouldNotBeNull().ShouldContain("too large");
    }

    [Fact]
    public void Decode_FileOfExactlyMaxBytes_IsRead()
    {
        var bytes = new byte[TextDecoder.MaxBytes];
        bytes.AsSpan().Fill((byte)'a');

        TextDecoder.Decode(bytes).IsOk.ShouldBeTrue();
    }

    [Theory]
    [InlineData(RelayoutKind.Gb18030Crlf, "gb18030")]
    [InlineData(RelayoutKind.Utf16, "utf-16le")]
    [InlineData(RelayoutKind.FullWidth, "utf-8")]
    public void Decode_RelaidSeed_DetectsItsEncoding(RelayoutKind kind, string encoding)
    {
        foreach (var seed in Directory.EnumerateFiles(SourceText.SamplesDir))
        {
            var bytes = Relayout.Apply(kind, File.ReadAllText(seed, Encoding.UTF8));

            var decoded = TextDecoder.Decode(bytes);

            decoded.Encoding.ShouldBe(encoding, Path.GetFileName(seed));
            decoded.Text.ShouldBe(SourceText.Decode(bytes), Path.GetFileName(seed));
        }
    }

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SourceText.SamplesDir).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }
}

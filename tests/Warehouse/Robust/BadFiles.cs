using System.Text;

namespace PerfEval.Tests.Warehouse.Robust;

/// <summary>Files that are not (whole, readable) reports, as they turn up in an inbox.</summary>
internal static class BadFiles
{
    /// <summary>A seed's bytes cut inside a multi-byte (UTF-8) character, about halfway.</summary>
    public static byte[] TruncatedInsideACharacter(byte[] report)
    {
        var cut = report.Length / 2;
        while ((report[cut] & 0xC0) != 0x80) cut++; // a continuation byte: the character started before it
        return report[..cut];
    }

    /// <summary>Random bytes, as a mis-saved attachment or an image renamed to .txt; they hold NUL bytes.</summary>
    public static byte[] RandomBinary(int seed = 6)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        bytes[100] = 0;
        return bytes;
    }

    /// <summary>Bytes no text encoding fits: high bytes, no NUL, invalid as UTF-8 and as GB18030 (0x80 and 0xFF never lead there).</summary>
    public static byte[] UnknownEncoding()
    {
        var bytes = new byte[2048];
        new Random(7).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++) bytes[i] = i % 5 == 0 ? (byte)0xFF : (byte)(bytes[i] | 0x80);
        return bytes;
    }

    /// <summary>An ordinary meeting notice: no 绩效 wording at all.</summary>
    public static byte[] MeetingNotice() => Encoding.UTF8.GetBytes("""
        关于召开2024年第一季度安全生产工作会议的通知

        各科室：
        定于2024年4月2日下午3点在三楼会议室召开安全生产工作会议，请各科室负责人准时参加。
        会议内容：通报一季度安全检查情况，部署二季度工作。

        办公室
        2024年3月28日
        """);

    /// <summary>A notice of a meeting about self-evaluation: it speaks of 绩效自评 and 预算执行率, but it is no report.</summary>
    public static byte[] SelfEvaluationMeetingNotice() => Encoding.UTF8.GetBytes("""
        关于召开2023年度部门整体支出绩效自评工作会议的通知

        各区财政局、市直各预算单位：
        为做好2023年度部门整体支出绩效自评工作，经研究，定于2024年3月15日（星期五）上午9:30在市财政局三楼会议室召开工作会议。现将有关事项通知如下：
        一、会议内容
        （一）部署2023年度绩效自评工作；
        （二）解读绩效自评报告模板及评分标准；
        （三）交流预算执行率偏低问题的整改经验。
        二、参会人员
        各单位分管财务工作的负责人及财务科（室）负责人各1名。
        三、有关要求
        请各单位于3月13日前将参会回执报送市财政局绩效管理科。

        广州市财政局
        2024年3月8日
        """);

    /// <summary>A seed re-encoded as GB18030, as a department using an older Chinese Windows would send it.</summary>
    public static byte[] Gb18030Copy(byte[] utf8Report)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(Encoding.UTF8.GetString(utf8Report));
    }

    /// <summary>A file of <paramref name="length"/> bytes that takes no disk space (sparse on Linux).</summary>
    public static void WriteSparse(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(length);
    }
}

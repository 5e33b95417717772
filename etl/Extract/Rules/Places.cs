using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>Where a unit sits: province, city, district/county, level and kind of organisation, read from its name.</summary>
internal static partial class Places
{
    /// <summary>Districts whose reports often omit their city (the seeds' city, Guangzhou).</summary>
    static readonly Dictionary<string, string> KnownDistricts = new(StringComparer.Ordinal)
    {
        ["越秀区"] = "广州市", ["海珠区"] = "广州市", ["荔湾区"] = "广州市", ["天河区"] = "广州市",
        ["白云区"] = "广州市", ["黄埔区"] = "广州市", ["番禺区"] = "广州市", ["花都区"] = "广州市",
        ["南沙区"] = "广州市", ["从化区"] = "广州市", ["增城区"] = "广州市",
    };

    /// <summary>County-level cities (县级市) and their prefecture, from <c>sql/taxonomy/county_cities.csv</c>.</summary>
    static readonly Lazy<Dictionary<string, string>> CountyCities = new(() =>
    {
        using var stream = typeof(Places).Assembly.GetManifestResourceStream("sql/taxonomy/county_cities.csv")
            ?? throw new InvalidOperationException("embedded resource sql/taxonomy/county_cities.csv is missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in reader.ReadToEnd().Split('\n').Skip(1))
        {
            var cells = line.Trim().Split(',');
            if (cells.Length >= 2 && cells[0].Length > 0) map[cells[0]] = cells[1];
        }
        return map;
    });

    public static DepartmentInfo Describe(string name)
    {
        var bare = PartyPrefix().Replace(name, ""); // 中共成都市委党校, 共青团长沙市委员会: the place follows
        var m = Prefix().Match(bare);
        var city = m.Groups["city"].Success ? m.Groups["city"].Value : null;
        var district = m.Groups["district"].Success ? m.Groups["district"].Value : null;
        if (city is not null && district is null && CountyCities.Value.TryGetValue(city, out var prefecture))
        {
            // 阳春市财政局: 阳春市 is a county-level city of 阳江市.
            district = city;
            city = prefecture;
        }
        var town = m.Groups["town"].Success ? m.Groups["town"].Value : null;
        var province = m.Groups["province"].Success ? m.Groups["province"].Value : null;
        if (city is null && district is not null && KnownDistricts.TryGetValue(district, out var known)) city = known;
        if (district is not null && district.EndsWith('市') && CountyCities.Value.TryGetValue(district, out var parent)) city ??= parent;
        var level = town is not null ? "town"
            : district is null ? (city is not null ? "city" : province is not null ? "province" : null)
            : district.EndsWith('区') ? "district" : "county";
        var orgType = OrgSuffix().Replace(bare[m.Length..], "");
        if (district is null && BranchOf().Match(orgType) is { Success: true } branch)
        {
            // 广州市公安局天河区分局: a city bureau's branch in a district reports for that district.
            district = branch.Groups["district"].Value;
            level = district.EndsWith('区') ? "district" : "county";
        }
        return new DepartmentInfo
        {
            Name = name, City = city, District = district, Level = level,
            OrgType = orgType.Length >= 2 ? orgType : null,
        };
    }

    /// <summary>Drops whitespace, trailing punctuation and a leading "附件N".</summary>
    public static string CleanName(string s)
    {
        s = Regex.Replace(s, @"\s+", "");
        s = Regex.Replace(s, @"^附件\d*", "");
        s = Regex.Replace(s, @"[(（](?:汇总|本级|盖章|部门汇总|单位汇总)[)）]$", "");
        return s.TrimEnd('。', '；', ';', ',', '，', ':', '：');
    }

    public static bool IsOrganisation(string name) =>
        name.Length is >= 4 and <= 40 && OrganisationEnd().IsMatch(name) && !name.Any(char.IsDigit)
        && name.IndexOfAny(['，', '。', '；', ',', ';', '、', ':', '：', '“', '”', '《', '》']) < 0 && !SelfReference().IsMatch(name);

    [GeneratedRegex(@"^(?:经|按照|根据|我|本|该)")]
    private static partial Regex SelfReference();

    [GeneratedRegex(@"^(?<province>[\p{IsCJKUnifiedIdeographs}-[省市区县]]{2,6}?(?:省|自治区))?(?<city>[\p{IsCJKUnifiedIdeographs}-[省市区县]]{2,6}?(?:市|自治州|地区|盟))?(?<district>市中区|[\p{IsCJKUnifiedIdeographs}-[省市区县局委办院所厅处]]{2,5}?(?:区|县|旗)|(?<=市)[\p{IsCJKUnifiedIdeographs}-[省市区县]]{2,3}市)?(?<town>[\p{IsCJKUnifiedIdeographs}-[省区县镇乡和局委办会院所厅部处]]{2,8}?(?:镇|(?<!城)乡|街道))?")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"(?<district>[\p{IsCJKUnifiedIdeographs}-[省市区县局委办院所厅处]]{2,4}[区县])分局$")]
    private static partial Regex BranchOf();

    [GeneratedRegex(@"^(?:中国共产党|中共|共青团|中国共产主义青年团)")]
    private static partial Regex PartyPrefix();

    [GeneratedRegex(@"[(（][^)）]{1,10}[)）]$")]
    private static partial Regex OrgSuffix();

    [GeneratedRegex(@"(?:会|局|委|办|室|中心|院|所|厅|部|处|馆|站|队|府|校|学|司|社|台|团|园|署|盟|库|场|科|股|组|馆|(?<=会)[(（]总商会[)）])$")]
    private static partial Regex OrganisationEnd();

    /// <summary>A full unit name with its place: 江门市工商业联合会, 广州市天河区教育局.</summary>
    [GeneratedRegex(@"(?:[\p{IsCJKUnifiedIdeographs}-[省市区县]]{2,4}省)?[\p{IsCJKUnifiedIdeographs}-[省市区县]]{2,4}市(?:[\p{IsCJKUnifiedIdeographs}-[省市区县]]{2,4}[区县])?(?:城市|市场|都市|社区|区域|[\p{IsCJKUnifiedIdeographs}-[省市区县委]]){1,12}?(?:工商业联合会|联合会|委员会|办公室|办事处|人民政府|中心|研究院|局|厅|院|馆)")]
    public static partial Regex FullOrganisationName();
}

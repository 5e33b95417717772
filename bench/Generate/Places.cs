namespace PerfEval.Bench.Generate;

/// <summary>Where a synthetic reporting unit sits: the names as the reports write them, and the truth the extractor should read.</summary>
public sealed record Area(string City, string? District, string Level)
{
    /// <summary>"广州市天河区" or "广州市": the prefix of every unit name in this area.</summary>
    public string Prefix => City + District;

    /// <summary>The folder the area's reports are filed under: 广州市/天河区, 广州市/市本级.</summary>
    public string Folder => Path.Combine(City, District ?? "市本级");

    /// <summary>"区", "市" or "县": how the unit calls itself in short (区教育局, 市工商联).</summary>
    public string Short => District is null ? "市" : District.EndsWith('县') ? "县" : "区";
}

/// <summary>The areas of the corpus: Guangzhou, its 11 districts, and other Guangdong cities with districts and counties.</summary>
public static class Areas
{
    public static readonly string[] GuangzhouDistricts =
        ["越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "从化区", "增城区"];

    static readonly (string City, string[] Districts)[] OtherCities =
    [
        ("深圳市", ["福田区", "罗湖区", "南山区", "宝安区", "龙岗区"]),
        ("佛山市", ["禅城区", "南海区", "顺德区"]),
        ("江门市", ["蓬江区", "江海区", "新会区"]),
        ("珠海市", ["香洲区", "斗门区"]),
        ("东莞市", []),
        ("中山市", []),
        ("肇庆市", ["端州区", "鼎湖区", "广宁县", "怀集县"]),
        ("韶关市", ["浈江区", "武江区", "始兴县", "仁化县"]),
        ("清远市", ["清城区", "佛冈县"]),
    ];

    /// <summary>Every area, Guangzhou first (its reports are the bulk, as in the seeds).</summary>
    public static readonly IReadOnlyList<Area> All = Build();

    static List<Area> Build()
    {
        var all = new List<Area> { new("广州市", null, "city") };
        all.AddRange(GuangzhouDistricts.Select(d => new Area("广州市", d, "district")));
        foreach (var (city, districts) in OtherCities)
        {
            all.Add(new Area(city, null, "city"));
            all.AddRange(districts.Select(d => new Area(city, d, d.EndsWith('县') ? "county" : "district")));
        }
        return all;
    }
}

/// <summary>A kind of department: its name after the place, its short self-reference and what it works on.</summary>
public sealed record DepartmentKind(string Name, string Abbrev, string Self, string[] Work, string[] Projects);

/// <summary>The kinds of department of the corpus, each with its own work and projects.</summary>
public static class DepartmentKinds
{
    public static readonly DepartmentKind[] All =
    [
        new("工商业联合会", "工商联", "我会",
            ["引导非公经济人士健康成长", "促进非公有制经济健康发展", "加强非公有制经济党建工作", "促进行业协会商会改革发展", "优化民营经济发展环境"],
            ["商会建设工作经费", "企业家培训费", "非公党委工作经费", "政企沟通服务中心运营经费", "商事纠纷调解专项工作经费", "课题调研工作经费", "联络境外工商界经费", "法律服务工作专项经费"]),
        new("教育局", "教育局", "我局",
            ["推进学前教育普及普惠", "促进义务教育优质均衡发展", "加强教师队伍建设", "推进校园安全管理", "发展职业教育"],
            ["学前教育生均补助经费", "校舍维修改造工程", "教师培训专项经费", "学生资助补助资金", "校园安全保卫服务经费", "课后服务补助经费"]),
        new("卫生健康局", "卫生健康局", "我局",
            ["做好常态化疫情防控", "推进基本公共卫生服务", "加强基层医疗卫生机构建设", "开展爱国卫生运动", "推进家庭医生签约服务"],
            ["基本公共卫生服务项目", "疫情防控专项经费", "基层医疗机构设备购置项目", "家庭医生签约服务经费", "卫生应急物资储备经费"]),
        new("财政局", "财政局", "我局",
            ["深化预算管理制度改革", "全面实施预算绩效管理", "加强政府采购监督管理", "推进国有资产管理", "做好财政资金直达工作"],
            ["预算绩效管理专项经费", "财政信息化建设项目", "政府采购监管工作经费", "国有资产清查专项经费", "财政票据管理工作经费"]),
        new("城市管理和综合执法局", "城管执法局", "我局",
            ["推进生活垃圾分类处理", "加强市容环境卫生管理", "开展违法建设治理", "推进城市综合执法", "提升城市精细化管理水平"],
            ["生活垃圾分类处理经费", "环卫作业服务项目", "违法建设拆除专项经费", "市容景观提升工程", "执法装备购置项目"]),
        new("民政局", "民政局", "我局",
            ["做好社会救助兜底保障", "推进养老服务体系建设", "加强儿童福利保障", "推进社区治理", "规范社会组织管理"],
            ["城乡低保救助资金", "居家养老服务补贴", "孤儿基本生活补助资金", "社区服务中心运营经费", "社会组织培育专项经费"]),
        new("人力资源和社会保障局", "人社局", "我局",
            ["稳定和扩大就业", "推进职业技能提升行动", "完善社会保障体系", "构建和谐劳动关系", "加强人才队伍建设"],
            ["就业创业补贴资金", "职业技能培训补贴经费", "劳动保障监察工作经费", "人才引进专项经费"]),
        new("司法局", "司法局", "我局",
            ["推进法治政府建设", "加强公共法律服务体系建设", "做好人民调解工作", "推进普法宣传教育", "加强社区矫正管理"],
            ["公共法律服务平台运营经费", "人民调解专项经费", "普法宣传工作经费", "社区矫正工作经费", "法律援助补贴资金"]),
        new("交通运输局", "交通运输局", "我局",
            ["推进交通基础设施建设", "提升公共交通服务水平", "加强道路运输安全监管", "推进农村公路管养"],
            ["农村公路养护工程", "公交线网优化项目", "道路运输安全监管经费", "交通设施维护经费"]),
        new("农业农村局", "农业农村局", "我局",
            ["推进乡村振兴战略", "保障粮食安全", "加强农产品质量安全监管", "推进高标准农田建设", "改善农村人居环境"],
            ["高标准农田建设项目", "农村人居环境整治资金", "动物疫病防控经费", "农业技术推广项目", "耕地地力保护补贴资金"]),
        new("文化广电旅游局", "文广旅局", "我局",
            ["推进公共文化服务体系建设", "加强文物保护利用", "促进文化旅游融合发展", "繁荣群众文化活动"],
            ["公共文化服务体系建设经费", "文物保护修缮工程", "群众文化活动专项经费", "旅游宣传推广经费"]),
        new("科学技术局", "科技局", "我局",
            ["支持企业研发创新", "推进高新技术企业培育", "加强科技成果转化", "建设科技创新平台"],
            ["科技创新专项资金", "高新技术企业培育补助", "科技成果转化奖励经费", "孵化器建设补助资金"]),
        new("住房和城乡建设局", "住建局", "我局",
            ["推进老旧小区改造", "加强建筑工程质量安全监管", "推进保障性住房建设", "加强房地产市场监管"],
            ["老旧小区改造工程", "建筑安全监管工作经费", "保障性住房租赁补贴资金", "燃气安全专项整治经费"]),
        new("市场监督管理局", "市场监管局", "我局",
            ["深化商事制度改革", "加强食品安全监管", "开展特种设备安全监察", "加强知识产权保护"],
            ["食品安全抽检经费", "特种设备检验检测经费", "知识产权保护专项经费", "计量器具强制检定经费"]),
        new("应急管理局", "应急管理局", "我局",
            ["加强安全生产监督管理", "推进应急救援体系建设", "做好防灾减灾工作", "开展安全生产专项整治"],
            ["应急救援物资储备经费", "安全生产专项检查经费", "应急管理信息化建设项目", "防灾减灾宣传经费"]),
        new("妇女联合会", "妇联", "我会",
            ["加强妇女儿童权益保障", "推进家庭家教家风建设", "开展巾帼建功活动", "做好妇女儿童关爱服务"],
            ["妇女儿童权益保障经费", "家庭教育指导服务项目", "巾帼创业就业培训经费", "困难妇女帮扶资金"]),
        new("残疾人联合会", "残联", "我会",
            ["推进残疾人康复服务", "促进残疾人就业创业", "加强残疾人社会保障", "推进无障碍环境建设"],
            ["残疾人康复救助资金", "残疾人就业培训经费", "无障碍设施改造工程", "残疾人辅助器具适配补贴"]),
        new("档案馆", "档案馆", "我馆",
            ["加强档案资源建设", "推进档案信息化建设", "做好档案安全保管", "开展档案利用服务"],
            ["档案数字化加工项目", "档案库房改造工程", "档案征集专项经费", "档案安全保管经费"]),
    ];
}

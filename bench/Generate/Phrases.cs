namespace PerfEval.Bench.Generate;

/// <summary>A problem as a report states it, and the cause codes the taxonomy should give it.</summary>
public sealed record ProblemText(string Text, string[] Causes);

/// <summary>A deduction template: section, indicator, max points, the reason clause and its cause codes.</summary>
public sealed record DeductionText(string Section, string Path, string Indicator, int MaxPoints, string Reason, string[] Causes);

/// <summary>An indicator template: name, unit, and whether it is a rate (targets like ≥95%).</summary>
public sealed record IndicatorText(string Name, string Unit, bool Rate, string Category, string Dimension);

/// <summary>The sentences the synthetic reports are made of. None states a score, a budget or a deduction by itself.</summary>
public static class Phrases
{
    /// <summary>Generic work sentences; {work} is one of the department's tasks, {n} a count.</summary>
    public static readonly string[] Filler =
    [
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，围绕{work}扎实推进各项工作",
        "{self}认真落实上级部署，聚焦{work}，细化工作措施，压实工作责任，各项任务有序推进",
        "全年组织召开专题会议 {n} 次，研究解决{work}中遇到的困难和问题",
        "深入基层开展调研 {n} 次，形成调研报告 {m} 篇，为{work}提供决策参考",
        "持续加强干部队伍建设，组织业务培训 {n} 期，参训人员 {m} 人次，干部履职能力进一步提升",
        "健全内部管理制度，修订完善制度 {n} 项，进一步规范财务、资产和合同管理",
        "加强宣传引导，通过政务网站、微信公众号等平台发布信息 {m} 条，营造良好社会氛围",
        "主动对接相关职能部门，建立协调联动机制，形成工作合力，推动{work}取得实效",
        "按照“谁支出，谁负责”原则，组织各科室对项目支出预算执行情况和绩效目标实现程度开展监控",
        "强化绩效运行监控，及时掌握资金支出进度和绩效目标实施情况，分析发现的问题原因并及时纠偏",
        "坚持问题导向，对照年初工作计划逐项梳理，建立工作台账，实行销号管理",
        "扎实开展{work}专项行动，累计服务群众 {m} 人次，群众满意度持续提升",
        "落实全面从严治党主体责任，开展廉政教育 {n} 次，营造风清气正的干事创业环境",
        "推进数字化转型，优化业务办理流程，办理时限平均压缩 {n} 个工作日",
        "加强与兄弟单位的交流学习，赴外地考察学习 {n} 次，借鉴先进经验做法",
        "完成上级交办的各项临时性任务，得到上级部门和社会各界的充分肯定",
        "围绕{work}，制定年度工作要点，明确责任分工和完成时限，确保各项工作落到实处",
        "组织开展各类主题活动 {n} 场，参与群众 {m} 人次，取得良好社会效果",
    ];

    public static readonly string[] Functions =
    [
        "贯彻执行国家和省、市有关方针政策和法律法规，拟订本领域发展规划并组织实施",
        "负责本系统预算编制和执行，管理和监督本系统资金使用",
        "指导、协调和监督本系统各项业务工作，组织开展相关调查研究",
        "承办上级机关和同级党委、政府交办的其他事项",
    ];

    public static readonly ProblemText[] Problems =
    [
        new("受新冠疫情影响，部分活动未能按计划开展，导致资金执行率偏低", ["epidemic", "spending_pace"]),
        new("部分项目支出进度比序时进度慢，年中资金沉淀较多", ["spending_pace"]),
        new("预决算公开中编制说明出现个别共性问题，公开质量有待提升", ["disclosure"]),
        new("未建立政府采购内部控制管理制度，采购管理不够完善", ["procurement"]),
        new("部分绩效目标设置不够细化量化，指标可衡量性不强", ["target_setting"]),
        new("年初预算编制不够精准，年中预算调整较多", ["budget_preparation"]),
        new("固定资产管理不够规范，存在账实不符的情况", ["asset_management"]),
        new("培训形式较为单一，活动内容的针对性有待加强", []),
        new("基层工作力量相对薄弱，专业人才储备不足", []),
        new("受疫情形势影响，部分项目计划未能按时开展", ["epidemic"]),
        new("信息公开不及时，部分项目绩效信息未按规定公开", ["disclosure"]),
    ];

    public static readonly string[] Measures =
    [
        "加快支出进度，建立支出进度月通报机制，确保资金按序时进度支出",
        "提升预决算公开质量，认真对照检查发现的问题，举一反三，避免问题重复发生",
        "根据内部控制要求，结合单位实际，建立政府采购内部控制管理制度并严格执行",
        "科学设置绩效目标，细化量化绩效指标，提高指标的可衡量性",
        "提高预算编制的精准度，加强项目前期论证，减少年中预算调整",
        "加强资产管理，定期开展资产清查盘点，确保账实相符",
        "丰富活动培训形式，提高活动的针对性和实效性",
        "合理安排计划和资金，提高前瞻性，不断提高财政资金配置效率和使用效益",
        "加强干部队伍建设，充实基层工作力量",
        "做好应急预案，加强项目进度管理，确保各项工作按计划推进",
    ];

    public static readonly DeductionText[] Deductions =
    [
        new("履职效能", "履职效能版块--", "部门预算资金支出率", 10, "由于{m1}月及{m2}月未达序时支出进度", ["spending_pace"]),
        new("履职效能", "履职效能版块--", "重点工作完成率", 10, "受疫情影响部分重点工作未能如期完成", ["epidemic"]),
        new("管理效率", "管理效率版块--信息公开--", "预决算公开合规性", 2, "在预决算公开专项检查中发现问题", ["disclosure"]),
        new("管理效率", "管理效率版块--采购管理--", "政府采购规范性", 3, "政府采购内部控制制度不健全", ["procurement"]),
        new("管理效率", "管理效率版块--预算编制--", "绩效目标设置合理性", 4, "部分绩效目标不够细化量化", ["target_setting"]),
        new("管理效率", "管理效率版块--资产管理--", "资产管理规范性", 3, "固定资产账实不符", ["asset_management"]),
    ];

    public static readonly IndicatorText[] Indicators =
    [
        new("举办活动次数", "次", false, "产出指标", "数量指标"),
        new("走访企业数", "家", false, "产出指标", "数量指标"),
        new("开展培训期数", "期", false, "产出指标", "数量指标"),
        new("服务群众人次", "人次", false, "产出指标", "数量指标"),
        new("印发宣传资料数", "份", false, "产出指标", "数量指标"),
        new("检查覆盖单位数", "个", false, "产出指标", "数量指标"),
        new("任务完成合格率", "%", true, "产出指标", "质量指标"),
        new("资金支付及时率", "%", true, "产出指标", "时效指标"),
        new("问题整改完成率", "%", true, "效益指标", "社会效益"),
        new("服务对象满意度", "%", true, "满意度指标", "服务对象满意度"),
    ];

    public static readonly string[] MeetingNotices =
    [
        "关于召开{year}年度工作会议的通知",
        "关于举办{year}年业务骨干培训班的通知",
        "关于召开第{n}次执委会议的通知",
    ];
}

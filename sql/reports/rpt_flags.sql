-- incremental: document_id (each row belongs to one current document and comes from its rows and the dimensions)
-- Reports whose self-assessed score is high (98 or more) while the objective measures are weak:
-- an execution rate under 90% (computed spent ÷ budget, else as stated), or indicators under
-- target. One row per flagged current evaluation, with the reasons in Chinese for a briefing.
with evaluations as (
    select * from fct_evaluation where is_current
),

indicators as (
    select * from rpt_indicators
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

indicator_counts as (
    select
        document_id,
        count(*)::bigint as indicators,
        count(*) filter (where is_under_target)::bigint as indicators_under_target
    from indicators
    group by document_id
),

measured as (
    select
        e.*,
        coalesce(e.execution_rate_computed_pct, e.execution_rate_pct) as execution_rate_used_pct,
        coalesce(i.indicators, 0) as indicators,
        coalesce(i.indicators_under_target, 0) as indicators_under_target
    from evaluations as e
    left join indicator_counts as i on i.document_id = e.document_id
),

flagged as (
    select
        *,
        coalesce(execution_rate_used_pct < 90, false) as is_low_execution,
        indicators_under_target > 0 as has_unmet_indicators
    from measured
    where total_score >= 98
),

final as (
    select
        f.year,
        dep.city,
        dep.district,
        dep.level,
        dep.org_type,
        dep.name as department_name,
        f.report_kind,
        f.project_name,
        f.total_score,
        f.execution_rate_pct,
        f.execution_rate_computed_pct,
        f.indicators,
        f.indicators_under_target,
        f.is_low_execution,
        f.has_unmet_indicators,
        concat_ws('；',
            case when f.is_low_execution
                then '自评' || f.total_score::decimal(18, 2) || '分，执行率' || f.execution_rate_used_pct::decimal(18, 2) || '%低于90%' end,
            case when f.has_unmet_indicators
                then '自评' || f.total_score::decimal(18, 2) || '分，' || f.indicators_under_target || '项指标未达目标' end
        ) as reason,
        doc.source,
        f.total_score_evidence_line,
        f.total_score_evidence_quote,
        f.execution_rate_evidence_line,
        f.execution_rate_evidence_quote,
        f.spent_evidence_line,
        f.spent_evidence_quote,
        f.document_id
    from flagged as f
    left join departments as dep on dep.department_id = f.department_id
    left join documents as doc on doc.document_id = f.document_id
    where f.is_low_execution or f.has_unmet_indicators
)

select * from final
order by year, city, district nulls first, department_name, project_name

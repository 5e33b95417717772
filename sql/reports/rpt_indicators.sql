-- incremental: document_id (each row belongs to one current document and comes from its rows and the dimensions)
-- Performance indicators of current documents: completion as stated beside actual ÷ target,
-- flagged when far over target (over 130%: the target was probably set too low), under
-- target (below 100%), or when the stated completion disagrees with the computed one by more
-- than 1 point. Flags use the computed completion when there is one, else the stated one.
with results as (
    select * from fct_indicator_result where is_current
),

evaluations as (
    select document_id, report_kind, project_name from fct_evaluation
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

joined as (
    select
        r.year,
        d.city,
        d.district,
        d.level,
        d.org_type,
        d.name as department_name,
        e.report_kind,
        e.project_name,
        r.category,
        r.dimension,
        r.indicator_name,
        r.target_text,
        r.actual_text,
        r.target_value,
        r.actual_value,
        r.unit,
        r.completion_pct,
        r.completion_computed_pct,
        coalesce(r.completion_computed_pct, r.completion_pct) as completion_used_pct,
        doc.source,
        r.evidence_line,
        r.evidence_quote,
        r.document_id,
        r.indicator_seq
    from results as r
    left join evaluations as e on e.document_id = r.document_id
    left join departments as d on d.department_id = r.department_id
    left join documents as doc on doc.document_id = r.document_id
),

final as (
    select
        year,
        city,
        district,
        level,
        org_type,
        department_name,
        report_kind,
        project_name,
        category,
        dimension,
        indicator_name,
        target_text,
        actual_text,
        target_value,
        actual_value,
        unit,
        completion_pct,
        completion_computed_pct,
        cast(completion_pct - completion_computed_pct as decimal(18, 4)) as completion_gap_pct,
        coalesce(completion_used_pct > 130, false) as is_far_over_target,
        coalesce(completion_used_pct < 100, false) as is_under_target,
        coalesce(abs(completion_pct - completion_computed_pct) > 1, false) as is_completion_disagreement,
        source,
        evidence_line,
        evidence_quote,
        document_id,
        indicator_seq
    from joined
)

select * from final
order by year, city, district nulls first, department_name, project_name, indicator_seq

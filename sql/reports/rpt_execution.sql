-- Budget execution side by side: one row per current evaluation (department and project
-- reports), the execution rate as stated beside spent ÷ budget, their disagreement, and the
-- rank within year and report kind (by the computed rate, else the stated one).
with evaluations as (
    select * from fct_evaluation where is_current
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

joined as (
    select
        e.year,
        d.city,
        d.district,
        d.level,
        d.org_type,
        d.name as department_name,
        e.report_kind,
        e.project_name,
        e.budget_wan,
        e.spent_wan,
        e.spent_source,
        e.execution_rate_pct,
        e.execution_rate_computed_pct,
        coalesce(e.execution_rate_computed_pct, e.execution_rate_pct) as execution_rate_ranked_pct,
        doc.source,
        e.budget_evidence_line,
        e.budget_evidence_quote,
        e.spent_evidence_line,
        e.spent_evidence_quote,
        e.execution_rate_evidence_line,
        e.execution_rate_evidence_quote,
        e.document_id
    from evaluations as e
    left join departments as d on d.department_id = e.department_id
    left join documents as doc on doc.document_id = e.document_id
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
        budget_wan,
        spent_wan,
        spent_source,
        execution_rate_pct,
        execution_rate_computed_pct,
        cast(execution_rate_pct - execution_rate_computed_pct as decimal(18, 4)) as execution_rate_gap_pct,
        coalesce(abs(execution_rate_pct - execution_rate_computed_pct) > 0.1, false) as is_rate_disagreement,
        case when execution_rate_ranked_pct is not null
            then rank() over (partition by year, report_kind order by execution_rate_ranked_pct desc nulls last)
        end as rank_in_year,
        source,
        budget_evidence_line,
        budget_evidence_quote,
        spent_evidence_line,
        spent_evidence_quote,
        execution_rate_evidence_line,
        execution_rate_evidence_quote,
        document_id
    from joined
)

select * from final
order by year, report_kind, rank_in_year nulls last, city, department_name, project_name

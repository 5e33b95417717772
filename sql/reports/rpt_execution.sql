-- Budget execution side by side: one row per current evaluation (department and project
-- reports), the execution rate as stated beside spent ÷ budget, their disagreement, and the
-- rank within year and report kind (by the computed rate, else the stated one).
-- The table holds the rank of each evaluation; the view adds what the evaluation, its
-- department and its document already hold.
with evaluations as (
    select * from fct_evaluation where is_current
),

final as (
    select
        document_id,
        case when coalesce(execution_rate_computed_pct, execution_rate_pct) is not null
            then rank() over (partition by year, report_kind order by coalesce(execution_rate_computed_pct, execution_rate_pct) desc nulls last)
        end as rank_in_year
    from evaluations
)

select * from final
;
-- the view analysts query:
with ranked as (
    select * from rpt_execution__data
),

evaluations as (
    select * from fct_evaluation
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

final as (
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
        cast(e.execution_rate_pct - e.execution_rate_computed_pct as decimal(18, 4)) as execution_rate_gap_pct,
        coalesce(abs(e.execution_rate_pct - e.execution_rate_computed_pct) > 0.1, false) as is_rate_disagreement,
        r.rank_in_year,
        doc.source,
        e.budget_evidence_line,
        e.budget_evidence_quote,
        e.spent_evidence_line,
        e.spent_evidence_quote,
        e.execution_rate_evidence_line,
        e.execution_rate_evidence_quote,
        e.document_id
    from ranked as r
    join evaluations as e on e.document_id = r.document_id
    left join departments as d on d.department_id = e.department_id
    left join documents as doc on doc.document_id = e.document_id
)

select * from final

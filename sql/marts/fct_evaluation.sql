-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per document that parsed (department × year × report): scores, budget and
-- execution rate as stated, the computed rate beside it, and the evidence of each figure.
with documents as (
    select
        *,
        -- The project a project report evaluates; null for other reports, so they match no project.
        -- (As a join key rather than a join condition, it keeps the project join a hash join.)
        case when report_kind = 'project' then project_key end as evaluated_project_key
    from int_document
    where status <> 'rejected'
),

departments as (
    select * from int_department
),

projects as (
    select * from dim_project
),

spent as (
    select * from int_evaluation_spent
),

parts as (
    select
        document_id,
        max(score) filter (where name like '%履职效能%') as performance_score,
        max(max_points) filter (where name like '%履职效能%') as performance_max_points,
        max(score) filter (where name like '%管理效率%') as management_score,
        max(max_points) filter (where name like '%管理效率%') as management_max_points,
        count(*)::bigint as score_parts
    from stg_score_part
    group by document_id
),

evidence as (
    select
        document_id,
        max(line) filter (where field = 'score.total') as total_score_evidence_line,
        max(quote) filter (where field = 'score.total') as total_score_evidence_quote,
        max(line) filter (where field = 'budget.budget_wan') as budget_evidence_line,
        max(quote) filter (where field = 'budget.budget_wan') as budget_evidence_quote,
        max(line) filter (where field = 'budget.spent_wan') as spent_evidence_line,
        max(quote) filter (where field = 'budget.spent_wan') as spent_evidence_quote,
        max(line) filter (where field = 'budget.execution_rate_pct') as execution_rate_evidence_line,
        max(quote) filter (where field = 'budget.execution_rate_pct') as execution_rate_evidence_quote
    from stg_evidence
    group by document_id
),

final as (
    select
        d.document_id,
        dep.department_id,
        d.year,
        d.report_kind,
        d.project_name,
        p.project_id,
        d.total_score,
        d.grade,
        parts.performance_score,
        parts.performance_max_points,
        parts.management_score,
        parts.management_max_points,
        coalesce(parts.score_parts, 0) as score_parts,
        d.initial_wan,
        d.budget_wan,
        s.spent_wan,
        s.spent_wan_stated,
        s.spent_source,
        d.execution_rate_pct,
        case when d.budget_wan > 0 and s.spent_wan is not null
            then cast(round(s.spent_wan / d.budget_wan * 100, 2) as decimal(18, 2))
        end as execution_rate_computed_pct,
        d.adjustment_rate_pct,
        d.is_current,
        e.total_score_evidence_line,
        e.total_score_evidence_quote,
        e.budget_evidence_line,
        e.budget_evidence_quote,
        e.spent_evidence_line,
        e.spent_evidence_quote,
        e.execution_rate_evidence_line,
        e.execution_rate_evidence_quote
    from documents as d
    left join departments as dep on dep.department_key = d.department_key
    left join projects as p
        on p.department_id is not distinct from dep.department_id
        and p.name = d.evaluated_project_key
    left join spent as s on s.document_id = d.document_id
    left join parts on parts.document_id = d.document_id
    left join evidence as e on e.document_id = d.document_id
)

select * from final order by document_id

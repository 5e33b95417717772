-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per project × document (so per project and year): the evaluated project of a
-- project report (with spent summed from its sub-projects when not stated) and every named
-- project or sub-project row, with budget, spent and execution rate (stated and computed).
with mentions as (
    select * from int_project
),

documents as (
    select * from int_document where status <> 'rejected'
),

project_rows as (
    select * from stg_project
),

spent as (
    select * from int_evaluation_spent
),

projects as (
    select * from dim_project
),

departments as (
    select * from int_department
),

amounts as (
    select
        m.document_id,
        m.project_seq,
        m.department_key,
        m.project_key,
        m.parent_key,
        case when m.project_seq = 0 then d.initial_wan else r.initial_wan end as initial_wan,
        case when m.project_seq = 0 then d.budget_wan else r.budget_wan end as budget_wan,
        case when m.project_seq = 0 then s.spent_wan else r.spent_wan end as spent_wan,
        case when m.project_seq = 0 then d.execution_rate_pct else r.execution_rate_pct end as execution_rate_pct,
        r.evidence_line,
        r.evidence_quote,
        d.year,
        d.is_current
    from mentions as m
    join documents as d on d.document_id = m.document_id
    left join project_rows as r on r.document_id = m.document_id and r.project_seq = m.project_seq
    left join spent as s on s.document_id = m.document_id
),

final as (
    select
        a.document_id,
        a.project_seq,
        dep.department_id,
        p.project_id,
        a.year,
        a.project_key as project_name,
        a.parent_key as parent_project_name,
        a.parent_key is not null as is_sub_project,
        a.initial_wan,
        a.budget_wan,
        a.spent_wan,
        a.execution_rate_pct,
        case when a.budget_wan > 0 and a.spent_wan is not null
            then cast(round(a.spent_wan / a.budget_wan * 100, 2) as decimal(18, 2))
        end as execution_rate_computed_pct,
        a.is_current,
        a.evidence_line,
        a.evidence_quote
    from amounts as a
    left join departments as dep on dep.department_key = a.department_key
    left join projects as p
        on p.department_id is not distinct from dep.department_id
        and p.name = a.project_key
)

select * from final order by document_id, project_seq

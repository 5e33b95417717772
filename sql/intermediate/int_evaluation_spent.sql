-- incremental: document_id (each document's spending comes from that document alone)
-- Spending per document as stated, or, for a project report that does not state its
-- total, the sum of its sub-projects' stated actuals (003: 64.61 of 88.5).
with documents as (
    select * from stg_document
),

projects as (
    select * from int_project where project_seq > 0
),

project_rows as (
    select * from stg_project
),

sub_project_spent as (
    select
        p.document_id,
        cast(sum(r.spent_wan) as decimal(18, 4)) as sub_projects_spent_wan,
        count(r.spent_wan)::bigint as sub_projects_with_spent
    from projects as p
    join project_rows as r on r.document_id = p.document_id and r.project_seq = p.project_seq
    join documents as d on d.document_id = p.document_id
    where d.report_kind = 'project' and p.parent_key is not distinct from nullif(regexp_replace(coalesce(d.project_name, ''), '\s+', '', 'g'), '')
    group by p.document_id
),

final as (
    select
        d.document_id,
        d.spent_wan as spent_wan_stated,
        s.sub_projects_spent_wan,
        case
            when d.spent_wan is not null then d.spent_wan
            when d.report_kind = 'project' and s.sub_projects_with_spent > 0 then s.sub_projects_spent_wan
        end as spent_wan,
        case
            when d.spent_wan is not null then 'stated'
            when d.report_kind = 'project' and s.sub_projects_with_spent > 0 then 'sum_of_sub_projects'
        end as spent_source
    from documents as d
    left join sub_project_spent as s on s.document_id = d.document_id
)

select * from final

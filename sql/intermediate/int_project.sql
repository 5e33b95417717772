-- incremental: document_id (each document's project mentions come from that document alone)
-- Every mention of a project: the project a project report evaluates, and each named
-- project or sub-project row. A sub-project's parent is the row's stated parent, else the
-- project the report evaluates.
with documents as (
    select * from int_document where status <> 'rejected'
),

project_rows as (
    select * from stg_project
),

listed as (
    select
        d.document_id,
        d.department_key,
        nullif(regexp_replace(coalesce(p.name, ''), '\s+', '', 'g'), '') as project_key,
        nullif(regexp_replace(coalesce(p.parent, ''), '\s+', '', 'g'), '') as stated_parent_key,
        case when d.report_kind = 'project' then d.project_key end as evaluated_project_key,
        p.project_seq
    from project_rows as p
    join documents as d on d.document_id = p.document_id
),

-- A project report's own project, unless the report also lists it as a row of its own.
evaluated as (
    select
        d.document_id,
        d.department_key,
        d.project_key,
        cast(null as varchar) as parent_key,
        0 as project_seq
    from documents as d
    where d.report_kind = 'project'
      and d.project_key is not null
      and not exists (select 1 from listed as l where l.document_id = d.document_id and l.project_key = d.project_key)
),

final as (
    select * from evaluated
    union all
    select
        document_id,
        department_key,
        project_key,
        case
            when project_key = evaluated_project_key then null
            else coalesce(stated_parent_key, evaluated_project_key)
        end as parent_key,
        project_seq
    from listed
    where project_key is not null
)

select * from final

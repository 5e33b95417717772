-- One row per project of a department (a project report's project, or a named project or
-- sub-project row), with its parent project when it is a sub-project.
with mentions as (
    select * from int_project
),

departments as (
    select * from int_department
),

projects as (
    select
        department_key,
        project_key,
        min(document_id) as first_document_id,
        arg_max(parent_key, document_id) filter (where parent_key is not null) as parent_key
    from mentions
    group by department_key, project_key
),

numbered as (
    select
        row_number() over (order by first_document_id, department_key nulls first, project_key) as project_id,
        *
    from projects
),

final as (
    select
        p.project_id,
        dep.department_id,
        p.project_key as name,
        parent.project_id as parent_project_id,
        p.parent_key as parent_name,
        p.parent_key is not null as is_sub_project,
        p.first_document_id
    from numbered as p
    left join departments as dep on dep.department_key = p.department_key
    left join numbered as parent
        on parent.department_key is not distinct from p.department_key
        and parent.project_key = p.parent_key
)

select * from final order by project_id

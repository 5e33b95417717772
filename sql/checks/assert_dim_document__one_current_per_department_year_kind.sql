-- Two or more current documents for one department, year, report kind and project.
with documents as (
    select * from dim_document where is_current and department_id is not null and year is not null
),

counted as (
    select
        *,
        count(*) over (partition by department_id, year, report_kind, coalesce(project_name, '')) as current_documents
    from documents
),

final as (
    select
        document_id,
        current_documents || ' current documents for department ' || department_id || ', year ' || year
            || ', kind ' || coalesce(report_kind, '?') || coalesce(', project ' || project_name, '') as detail
    from counted
    where current_documents > 1
)

select * from final

-- One row per document with its identity keys and whether it is the current version.
-- A document is current when it is the newest (latest run, then highest id) of its
-- department, year, report kind and project; rejected documents are never current.
-- Documents whose department or year is unknown cannot be matched, so each stands alone.
with documents as (
    select * from stg_document
),

keyed as (
    select
        *,
        nullif(regexp_replace(coalesce(department_name, ''), '\s+', '', 'g'), '') as department_key,
        nullif(regexp_replace(coalesce(project_name, ''), '\s+', '', 'g'), '') as project_key
    from documents
),

versioned as (
    select
        *,
        case
            when status = 'rejected' then 'rejected:' || document_id
            when department_key is null or year is null then 'document:' || document_id
            else concat_ws('|', department_key, year, coalesce(report_kind, ''), coalesce(project_key, ''))
        end as version_key
    from keyed
),

final as (
    select
        *,
        status <> 'rejected'
            and row_number() over (partition by version_key order by run_id desc, document_id desc) = 1 as is_current,
        first_value(document_id) over (partition by version_key order by run_id desc, document_id desc) as current_document_id
    from versioned
)

select * from final

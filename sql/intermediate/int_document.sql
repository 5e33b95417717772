-- incremental: version_key (one row per document: its keys and version kept in int_document__data, which a rerun computes again for the version keys it adds to; the view adds the staged row)
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

-- The newest document of each version key: latest run, then highest id (a hash aggregate: cheaper than a window,
-- which sorts every document by its key).
newest as (
    select version_key, arg_max(document_id, (run_id, document_id)) as current_document_id
    from versioned
    group by version_key
),

-- What the table keeps: each document's keys and version; the view below adds its staged row.
final as (
    select
        v.document_id,
        v.department_key,
        v.project_key,
        v.version_key,
        v.status <> 'rejected' and v.document_id = n.current_document_id as is_current,
        n.current_document_id
    from versioned as v
    join newest as n on n.version_key = v.version_key
)

select * from final

-- the view analysts query:
with documents as (
    select * from stg_document
),

versions as (
    select * from int_document__data
),

final as (
    select
        d.*,
        v.department_key,
        v.project_key,
        v.version_key,
        v.is_current,
        v.current_document_id
    from documents as d
    join versions as v on v.document_id = d.document_id
)

select * from final

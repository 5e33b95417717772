-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per source document (by sha256), rejected ones included, with whether it is the
-- current version of its department, year, report kind and project.
with documents as (
    select * from int_document
),

departments as (
    select * from int_department
),

final as (
    select
        d.document_id,
        d.source,
        d.sha256,
        d.status,
        d.error,
        d.report_kind,
        d.is_current,
        d.run_id,
        d.encoding,
        d.size_bytes,
        d.extractor_version,
        dep.department_id,
        d.year,
        d.project_name,
        d.is_department_inferred,
        case when not d.is_current and d.status <> 'rejected' then d.current_document_id end as superseded_by_document_id,
        d.warnings_count,
        d.loaded_at
    from documents as d
    left join departments as dep on dep.department_key = d.department_key
)

select * from final order by document_id

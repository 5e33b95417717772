-- One row per reporting unit, identified by its normalised full name across all reports.
-- Attributes come from the newest document that states them; org_type falls back to the
-- name without its city and district (广州市天河区工商业联合会 → 工商业联合会).
with documents as (
    select * from int_document
    where department_key is not null and status <> 'rejected'
),

departments as (
    select
        department_key,
        min(document_id) as first_document_id,
        arg_max(city, document_id) filter (where city is not null) as city,
        arg_max(district, document_id) filter (where district is not null) as district,
        arg_max(level, document_id) filter (where level is not null) as level,
        arg_max(org_type, document_id) filter (where org_type is not null) as stated_org_type,
        arg_max(supervisor, document_id) filter (where supervisor is not null) as supervisor
    from documents
    group by department_key
),

final as (
    select
        row_number() over (order by first_document_id, department_key) as department_id,
        department_key,
        department_key as name,
        city,
        district,
        level,
        coalesce(
            stated_org_type,
            nullif(replace(replace(department_key, coalesce(city, ''), ''), coalesce(district, ''), ''), '')
        ) as org_type,
        supervisor,
        first_document_id
    from departments
)

select * from final

-- One row per reporting unit: the same department has one department_id across all its reports.
with departments as (
    select * from int_department
),

final as (
    select
        department_id,
        name,
        city,
        district,
        level,
        org_type,
        supervisor,
        first_document_id
    from departments
)

select * from final order by department_id

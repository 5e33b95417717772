-- Current evaluations side by side: one row per department, year and report, with the
-- department's city, district and organisation type so like departments compare across districts.
with evaluations as (
    select * from fct_evaluation where is_current
),

departments as (
    select * from dim_department
),

final as (
    select
        e.year,
        d.city,
        d.district,
        d.level,
        d.org_type,
        d.name as department_name,
        e.report_kind,
        e.project_name,
        e.total_score,
        e.grade,
        e.performance_score,
        e.management_score,
        e.budget_wan,
        e.spent_wan,
        e.execution_rate_pct,
        e.execution_rate_computed_pct,
        e.document_id
    from evaluations as e
    left join departments as d on d.department_id = e.department_id
)

select * from final order by year, org_type, city, district nulls first, department_name

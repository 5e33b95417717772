-- Why points were lost and what problems were stated, by year and cause (current documents only).
with deduction_causes as (
    select * from fct_deduction_cause where is_current
),

problem_causes as (
    select * from fct_problem_cause where is_current
),

causes as (
    select * from dim_cause
),

deductions as (
    select year, cause_code, count(*)::bigint as deductions, cast(sum(points_deducted) as decimal(18, 4)) as points_deducted
    from deduction_causes group by year, cause_code
),

problems as (
    select year, cause_code, count(*)::bigint as problems
    from problem_causes group by year, cause_code
),

final as (
    select
        coalesce(d.year, p.year) as year,
        coalesce(d.cause_code, p.cause_code) as cause_code,
        c.name_zh as cause_name_zh,
        coalesce(d.deductions, 0) as deductions,
        coalesce(d.points_deducted, 0) as points_deducted,
        coalesce(p.problems, 0) as problems
    from deductions as d
    full join problems as p on p.year is not distinct from d.year and p.cause_code = d.cause_code
    left join causes as c on c.code = coalesce(d.cause_code, p.cause_code)
)

select * from final order by year, deductions desc, problems desc, cause_code

-- Why points were lost and which problems were stated, per deduction-cause code (current
-- documents): over all years (scope 'all'), per year ('year') and per year and district
-- ('district'; a city-level unit has no district), ranked within each scope by how many
-- reports name the cause. A deduction or problem with two codes counts under both; one
-- without any code counts as 'other' (the rows are those of rpt_cause_texts).
with texts as (
    select * from rpt_cause_texts
),

departments as (
    select * from dim_department
),

causes as (
    select * from dim_cause
),

mentions as (
    select
        document_id,
        department_id,
        year,
        cause_code,
        case when text_kind = 'deduction' then 1 else 0 end as is_deduction,
        case when text_kind = 'problem' then 1 else 0 end as is_problem,
        coalesce(points_deducted, 0) as points_deducted
    from texts
),

located as (
    select m.*, d.city, d.district
    from mentions as m
    left join departments as d on d.department_id = m.department_id
),

aggregated as (
    select
        case when grouping(year) = 1 then 'all' when grouping(city) = 1 then 'year' else 'district' end as scope,
        year,
        city,
        district,
        cause_code,
        count(distinct document_id)::bigint as reports,
        count(distinct department_id)::bigint as departments,
        sum(is_deduction)::bigint as deductions,
        sum(is_problem)::bigint as problems,
        cast(sum(points_deducted) as decimal(18, 4)) as points_deducted
    from located
    group by grouping sets ((cause_code), (year, cause_code), (year, city, district, cause_code))
),

final as (
    select
        a.scope,
        a.year,
        a.city,
        a.district,
        a.cause_code,
        c.name_zh as cause_name_zh,
        c.name_en as cause_name_en,
        coalesce(c.is_in_taxonomy, false) as is_in_taxonomy,
        a.reports,
        a.departments,
        a.deductions,
        a.problems,
        a.points_deducted,
        rank() over (
            partition by a.scope, a.year, a.city, a.district
            order by a.reports desc, a.departments desc, a.deductions + a.problems desc, a.points_deducted desc
        ) as rank_in_scope
    from aggregated as a
    left join causes as c on c.code = a.cause_code
)

select * from final
order by
    case scope when 'all' then 0 when 'year' then 1 else 2 end,
    year, city, district nulls first, rank_in_scope, cause_code

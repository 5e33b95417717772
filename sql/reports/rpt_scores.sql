-- Self-assessed scores side by side: one row per current evaluation, ranked within its
-- comparable group (year × organisation type × report kind), with the group's median, and the
-- city-level unit of the same type, year and kind as the benchmark for its districts.
-- The table holds what spans evaluations (group, rank, median, benchmark); the view adds what
-- the evaluation, its department and its document already hold.
with evaluations as (
    select * from fct_evaluation where is_current
),

departments as (
    select * from dim_department
),

joined as (
    select
        e.year,
        d.city,
        d.level,
        d.org_type,
        d.name as department_name,
        e.report_kind,
        e.project_name,
        e.total_score,
        e.document_id,
        -- The city whose city-level unit benchmarks this one; none for a city-level unit itself.
        -- (As a join key rather than a join condition, it keeps the benchmark join a hash join.)
        case when d.level is distinct from 'city' then d.city end as benchmark_city
    from evaluations as e
    left join departments as d on d.department_id = e.department_id
),

grouped as (
    select
        *,
        count(total_score) over w as group_size,
        case when total_score is not null then rank() over (partition by year, org_type, report_kind order by total_score desc nulls last) end as rank_in_group,
        cast(quantile_cont(total_score, 0.5) over w as decimal(18, 4)) as group_median_score
    from joined
    window w as (partition by year, org_type, report_kind)
),

-- At most one benchmark per city, type, year, kind and project: the first city-level unit by name.
benchmarks as (
    select year, city, org_type, report_kind, project_name, department_name, total_score
    from joined
    where level = 'city'
    qualify row_number() over (partition by year, city, org_type, report_kind, project_name order by department_name) = 1
),

final as (
    select
        g.document_id,
        g.group_size,
        g.rank_in_group,
        g.group_median_score,
        b.department_name as benchmark_department_name,
        b.total_score as benchmark_score
    from grouped as g
    left join benchmarks as b
        on b.year = g.year
        and b.city = g.benchmark_city
        and b.org_type is not distinct from g.org_type
        and b.report_kind is not distinct from g.report_kind
        and b.project_name is not distinct from g.project_name
)

select * from final
;
-- the view analysts query:
with ranked as (
    select * from rpt_scores__data
),

evaluations as (
    select * from fct_evaluation
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
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
        r.group_size,
        r.rank_in_group,
        r.group_median_score,
        cast(e.total_score - r.group_median_score as decimal(18, 4)) as diff_from_median,
        coalesce(d.level = 'city', false) as is_benchmark,
        r.benchmark_department_name,
        r.benchmark_score,
        cast(e.total_score - r.benchmark_score as decimal(18, 4)) as diff_from_benchmark,
        doc.source,
        e.total_score_evidence_line,
        e.total_score_evidence_quote,
        e.document_id
    from ranked as r
    join evaluations as e on e.document_id = r.document_id
    left join departments as d on d.department_id = e.department_id
    left join documents as doc on doc.document_id = e.document_id
)

select * from final

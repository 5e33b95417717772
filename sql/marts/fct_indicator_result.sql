-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per indicator × document (department × year × report): target, actual, and
-- completion as stated beside actual ÷ target.
with rows as (
    select
        i.*,
        nullif(regexp_replace(coalesce(i.name, ''), '\s+', '', 'g'), '') as indicator_key
    from stg_indicator as i
),

documents as (
    select * from int_document where status <> 'rejected'
),

departments as (
    select * from int_department
),

indicators as (
    select * from dim_indicator
),

final as (
    select
        r.document_id,
        dep.department_id,
        d.year,
        r.indicator_seq,
        ind.indicator_id,
        ind.name as indicator_name,
        r.category,
        r.dimension,
        r.target_text,
        r.actual_text,
        r.target_value,
        r.actual_value,
        r.unit,
        r.completion_pct,
        case when r.target_value > 0 and r.actual_value is not null
            then cast(round(r.actual_value / r.target_value * 100, 2) as decimal(18, 2))
        end as completion_computed_pct,
        r.max_points,
        r.score,
        d.is_current,
        r.evidence_line,
        r.evidence_quote
    from rows as r
    join documents as d on d.document_id = r.document_id
    left join departments as dep on dep.department_key = d.department_key
    left join indicators as ind
        on ind.name = r.indicator_key
        and ind.category is not distinct from r.category
        and ind.dimension is not distinct from r.dimension
)

select * from final order by document_id, indicator_seq

-- One row per distinct performance indicator (name within its category and dimension).
with rows as (
    select
        i.*,
        nullif(regexp_replace(coalesce(i.name, ''), '\s+', '', 'g'), '') as indicator_key
    from stg_indicator as i
),

indicators as (
    select
        indicator_key,
        category,
        dimension,
        min(document_id) as first_document_id,
        arg_max(unit, document_id) filter (where unit is not null) as unit
    from rows
    where indicator_key is not null
    group by indicator_key, category, dimension
),

final as (
    select
        row_number() over (order by first_document_id, indicator_key, category nulls first, dimension nulls first) as indicator_id,
        indicator_key as name,
        category,
        dimension,
        unit,
        first_document_id
    from indicators
)

select * from final order by indicator_id

-- One row per evaluated year (被评价年度) that any parsed document reports on.
with documents as (
    select * from int_document where status <> 'rejected' and year is not null
),

final as (
    select distinct
        year,
        year || '年' as year_label
    from documents
)

select * from final order by year

-- view: its staged rows with their document's department, year and version flag (dim_document), computed when read
-- One row per stated sub-score of a parsed document (履职效能 → performance, 管理效率 → management).
with parts as (
    select * from stg_score_part
),

documents as (
    select * from dim_document where status <> 'rejected'
),

final as (
    select
        p.document_id,
        d.department_id,
        d.year,
        p.part_seq,
        p.name as part_name,
        p.max_points,
        p.score,
        d.is_current
    from parts as p
    join documents as d on d.document_id = p.document_id
)

select * from final

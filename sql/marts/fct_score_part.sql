-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per stated sub-score of a parsed document (履职效能 → performance, 管理效率 → management).
with parts as (
    select * from stg_score_part
),

documents as (
    select * from int_document where status <> 'rejected'
),

departments as (
    select * from int_department
),

final as (
    select
        p.document_id,
        dep.department_id,
        d.year,
        p.part_seq,
        p.name as part_name,
        p.max_points,
        p.score,
        d.is_current
    from parts as p
    join documents as d on d.document_id = p.document_id
    left join departments as dep on dep.department_key = d.department_key
)

select * from final order by document_id, part_seq

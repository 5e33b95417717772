-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per explicit deduction (扣分): points lost on one scoring item, the reason, and
-- its cause codes (a root cause and its symptom may both be listed).
with deductions as (
    select * from stg_deduction
),

documents as (
    select * from int_document where status <> 'rejected'
),

departments as (
    select * from int_department
),

final as (
    select
        x.document_id,
        dep.department_id,
        d.year,
        x.deduction_seq,
        x.section,
        x.indicator,
        x.max_points,
        x.points as points_deducted,
        x.reason,
        case when coalesce(x.causes, '') = '' then []::varchar[] else string_split(x.causes, ',') end as cause_codes,
        nullif(split_part(coalesce(x.causes, ''), ',', 1), '') as primary_cause_code,
        d.is_current,
        x.evidence_line,
        x.evidence_quote
    from deductions as x
    join documents as d on d.document_id = x.document_id
    left join departments as dep on dep.department_key = d.department_key
)

select * from final order by document_id, deduction_seq

-- view: its staged rows with their document's department, year and version flag (dim_document), computed when read
-- One row per explicit deduction (扣分): points lost on one scoring item, the reason, and
-- its cause codes (a root cause and its symptom may both be listed).
with deductions as (
    select * from stg_deduction
),

documents as (
    select * from dim_document where status <> 'rejected'
),

final as (
    select
        x.document_id,
        d.department_id,
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
)

select * from final

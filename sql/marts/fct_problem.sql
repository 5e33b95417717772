-- view: its staged rows with their document's department, year and version flag (dim_document), computed when read
-- One row per stated problem (存在的主要问题) with its cause codes.
with problems as (
    select * from stg_problem
),

documents as (
    select * from dim_document where status <> 'rejected'
),

final as (
    select
        x.document_id,
        d.department_id,
        d.year,
        x.problem_seq,
        x.text,
        case when coalesce(x.causes, '') = '' then []::varchar[] else string_split(x.causes, ',') end as cause_codes,
        nullif(split_part(coalesce(x.causes, ''), ',', 1), '') as primary_cause_code,
        d.is_current,
        x.evidence_line,
        x.evidence_quote
    from problems as x
    join documents as d on d.document_id = x.document_id
)

select * from final

-- incremental: document_id (each document's rows come from that document, its version group and the dimensions)
-- One row per stated problem (存在的主要问题) with its cause codes.
with problems as (
    select * from stg_problem
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
        x.problem_seq,
        x.text,
        case when coalesce(x.causes, '') = '' then []::varchar[] else string_split(x.causes, ',') end as cause_codes,
        nullif(split_part(coalesce(x.causes, ''), ',', 1), '') as primary_cause_code,
        d.is_current,
        x.evidence_line,
        x.evidence_quote
    from problems as x
    join documents as d on d.document_id = x.document_id
    left join departments as dep on dep.department_key = d.department_key
)

select * from final order by document_id, problem_seq

-- incremental: document_id (each row belongs to one current document and comes from its rows and the dimensions)
-- Every deduction reason and problem text of current documents, once per cause code, with its
-- evidence: the rows behind each count of the causes comparison. is_unclassified marks the texts no rule
-- of sql/taxonomy/causes.csv matched (code 'other', or none), so analysts can extend the taxonomy.
with deductions as (
    select * from fct_deduction where is_current
),

problems as (
    select * from fct_problem where is_current
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

causes as (
    select * from dim_cause
),

texts as (
    select document_id, department_id, year, 'deduction' as text_kind, deduction_seq as seq, indicator,
           reason as text, points_deducted, cause_codes, evidence_line, evidence_quote
    from deductions
    union all
    select document_id, department_id, year, 'problem', problem_seq, null, text, null, cause_codes, evidence_line, evidence_quote
    from problems
),

-- One row per code; a text without any code stands once, as 'other'.
coded as (
    select *, unnest(case when len(cause_codes) = 0 then ['other'] else cause_codes end) as cause_code
    from texts
),

final as (
    select
        t.year,
        d.city,
        d.district,
        d.level,
        d.org_type,
        d.name as department_name,
        t.cause_code,
        c.name_zh as cause_name_zh,
        t.cause_code = 'other' as is_unclassified,
        t.text_kind,
        t.indicator,
        t.text,
        t.points_deducted,
        doc.source,
        t.evidence_line,
        t.evidence_quote,
        t.department_id,
        t.document_id,
        t.seq
    from coded as t
    left join departments as d on d.department_id = t.department_id
    left join documents as doc on doc.document_id = t.document_id
    left join causes as c on c.code = t.cause_code
)

select * from final
order by year, city, district nulls first, department_name, text_kind, seq, cause_code

-- Year over year: one row per department (and report kind and project) for each year that has
-- an earlier year, comparing it with the closest earlier year present: the change in total
-- score and in execution rate, stated and computed (percentage points).
-- The table holds the pairs of evaluations (this year's, the closest earlier one); the view adds
-- what both evaluations, the department and both documents already hold.
with evaluations as (
    select * from fct_evaluation where is_current
),

sequenced as (
    select
        document_id,
        lag(document_id) over (partition by department_id, report_kind, project_name order by year, document_id) as previous_document_id
    from evaluations
    where year is not null
),

final as (
    select document_id, previous_document_id
    from sequenced
    where previous_document_id is not null
)

select * from final
;
-- the view analysts query:
with pairs as (
    select * from rpt_yoy__data
),

evaluations as (
    select * from fct_evaluation
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

final as (
    select
        e.year,
        p.year as previous_year,
        d.city,
        d.district,
        d.level,
        d.org_type,
        d.name as department_name,
        e.report_kind,
        e.project_name,
        p.total_score as previous_total_score,
        e.total_score,
        cast(e.total_score - p.total_score as decimal(18, 4)) as score_change,
        p.execution_rate_pct as previous_execution_rate_pct,
        e.execution_rate_pct,
        cast(e.execution_rate_pct - p.execution_rate_pct as decimal(18, 4)) as execution_rate_change_pct,
        p.execution_rate_computed_pct as previous_execution_rate_computed_pct,
        e.execution_rate_computed_pct,
        cast(e.execution_rate_computed_pct - p.execution_rate_computed_pct as decimal(18, 4)) as execution_rate_computed_change_pct,
        previous_doc.source as previous_source,
        p.total_score_evidence_line as previous_total_score_evidence_line,
        p.total_score_evidence_quote as previous_total_score_evidence_quote,
        p.execution_rate_evidence_line as previous_execution_rate_evidence_line,
        p.execution_rate_evidence_quote as previous_execution_rate_evidence_quote,
        doc.source,
        e.total_score_evidence_line,
        e.total_score_evidence_quote,
        e.execution_rate_evidence_line,
        e.execution_rate_evidence_quote,
        x.previous_document_id,
        x.document_id
    from pairs as x
    join evaluations as e on e.document_id = x.document_id
    join evaluations as p on p.document_id = x.previous_document_id
    left join departments as d on d.department_id = e.department_id
    left join documents as doc on doc.document_id = e.document_id
    left join documents as previous_doc on previous_doc.document_id = x.previous_document_id
)

select * from final

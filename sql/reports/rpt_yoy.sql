-- Year over year: one row per department (and report kind and project) for each year that has
-- an earlier year, comparing it with the closest earlier year present: the change in total
-- score and in execution rate, stated and computed (percentage points).
with evaluations as (
    select * from fct_evaluation where is_current
),

departments as (
    select * from dim_department
),

documents as (
    select * from dim_document
),

sequenced as (
    select
        e.department_id,
        e.report_kind,
        e.project_name,
        e.year,
        e.total_score,
        e.execution_rate_pct,
        e.execution_rate_computed_pct,
        doc.source,
        e.total_score_evidence_line,
        e.total_score_evidence_quote,
        e.execution_rate_evidence_line,
        e.execution_rate_evidence_quote,
        e.document_id,
        lag(e.year) over w as previous_year,
        lag(e.total_score) over w as previous_total_score,
        lag(e.execution_rate_pct) over w as previous_execution_rate_pct,
        lag(e.execution_rate_computed_pct) over w as previous_execution_rate_computed_pct,
        lag(doc.source) over w as previous_source,
        lag(e.total_score_evidence_line) over w as previous_total_score_evidence_line,
        lag(e.total_score_evidence_quote) over w as previous_total_score_evidence_quote,
        lag(e.execution_rate_evidence_line) over w as previous_execution_rate_evidence_line,
        lag(e.execution_rate_evidence_quote) over w as previous_execution_rate_evidence_quote,
        lag(e.document_id) over w as previous_document_id
    from evaluations as e
    left join documents as doc on doc.document_id = e.document_id
    where e.year is not null
    window w as (partition by e.department_id, e.report_kind, e.project_name order by e.year, e.document_id)
),

final as (
    select
        s.year,
        s.previous_year,
        d.city,
        d.district,
        d.level,
        d.org_type,
        d.name as department_name,
        s.report_kind,
        s.project_name,
        s.previous_total_score,
        s.total_score,
        cast(s.total_score - s.previous_total_score as decimal(18, 4)) as score_change,
        s.previous_execution_rate_pct,
        s.execution_rate_pct,
        cast(s.execution_rate_pct - s.previous_execution_rate_pct as decimal(18, 4)) as execution_rate_change_pct,
        s.previous_execution_rate_computed_pct,
        s.execution_rate_computed_pct,
        cast(s.execution_rate_computed_pct - s.previous_execution_rate_computed_pct as decimal(18, 4)) as execution_rate_computed_change_pct,
        s.previous_source,
        s.previous_total_score_evidence_line,
        s.previous_total_score_evidence_quote,
        s.previous_execution_rate_evidence_line,
        s.previous_execution_rate_evidence_quote,
        s.source,
        s.total_score_evidence_line,
        s.total_score_evidence_quote,
        s.execution_rate_evidence_line,
        s.execution_rate_evidence_quote,
        s.previous_document_id,
        s.document_id
    from sequenced as s
    left join departments as d on d.department_id = s.department_id
    where s.previous_year is not null
)

select * from final
order by org_type, city, district nulls first, department_name, report_kind, project_name, year

-- A stated execution rate (执行率) that disagrees with spent ÷ budget by more than 0.1
-- percentage points (rates are stated rounded to two decimals, so rounding alone stays below).
with evaluations as (
    select * from fct_evaluation
    where is_current and execution_rate_pct is not null and execution_rate_computed_pct is not null
),

final as (
    select
        document_id,
        'execution_rate_pct ' || format('{:.10g}', execution_rate_pct::double) || ' stated, spent ' || format('{:.10g}', spent_wan::double) || ' ÷ budget '
            || format('{:.10g}', budget_wan::double) || ' = ' || format('{:.10g}', execution_rate_computed_pct::double) as detail
    from evaluations
    where abs(execution_rate_pct - execution_rate_computed_pct) > 0.1
)

select * from final

-- An indicator whose stated completion rate disagrees with actual ÷ target by more than one
-- percentage point (e.g. 走访非公党组织个数: 10 → 12 stated as 100%).
with results as (
    select * from fct_indicator_result
    where is_current and completion_pct is not null and completion_computed_pct is not null
),

final as (
    select
        document_id,
        coalesce(indicator_name, '?') || ': completion_pct ' || format('{:.10g}', completion_pct::double) || ' stated, actual '
            || format('{:.10g}', actual_value::double) || ' ÷ target ' || format('{:.10g}', target_value::double) || ' = ' || format('{:.10g}', completion_computed_pct::double) as detail
    from results
    where abs(completion_pct - completion_computed_pct) > 1
)

select * from final

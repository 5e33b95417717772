-- A self-evaluation total score or part score outside 0–100 points.
with evaluations as (
    select * from fct_evaluation where is_current
),

parts as (
    select * from fct_score_part where is_current
),

final as (
    select document_id, 'total_score ' || format('{:.10g}', total_score::double) || ' is outside 0–100' as detail
    from evaluations
    where total_score < 0 or total_score > 100
    union all
    select document_id, 'score of part ' || coalesce(part_name, '?') || ' ' || format('{:.10g}', score::double) || ' is outside 0–100' as detail
    from parts
    where score < 0 or score > 100
)

select * from final

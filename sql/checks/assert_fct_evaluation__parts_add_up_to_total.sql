-- Stated part scores (履职效能 + 管理效率 + ...) that do not add up to the stated total (±0.01).
with evaluations as (
    select * from fct_evaluation where is_current and total_score is not null
),

parts as (
    select
        document_id,
        sum(score) as parts_score,
        count(*)::bigint as parts,
        count(score)::bigint as parts_with_score
    from fct_score_part
    where is_current
    group by document_id
),

final as (
    select
        e.document_id,
        'parts add up to ' || format('{:.10g}', p.parts_score::double) || ', total_score is ' || format('{:.10g}', e.total_score::double) as detail
    from evaluations as e
    join parts as p on p.document_id = e.document_id
    where p.parts = p.parts_with_score
      and abs(p.parts_score - e.total_score) > 0.01
)

select * from final

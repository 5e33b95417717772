-- Deductions that disagree with max − score (±0.01): the deductions of a section against the
-- part score of that section, and a deduction against its scoring-table row.
with deductions as (
    select * from fct_deduction where is_current
),

parts as (
    select * from fct_score_part where is_current and max_points is not null and score is not null
),

indicators as (
    select * from fct_indicator_result where is_current and max_points is not null and score is not null
),

by_section as (
    select document_id, section, sum(points_deducted) as points_deducted
    from deductions
    where section is not null and points_deducted is not null
    group by document_id, section
),

section_mismatch as (
    select
        p.document_id,
        'section ' || p.part_name || ': deductions add up to ' || format('{:.10g}', s.points_deducted::double) || ', max ' || format('{:.10g}', p.max_points::double)
            || ' − score ' || format('{:.10g}', p.score::double) || ' = ' || format('{:.10g}', (p.max_points - p.score)::double) as detail
    from parts as p
    join by_section as s on s.document_id = p.document_id and s.section = p.part_name
    where abs(s.points_deducted - (p.max_points - p.score)) > 0.01
),

row_mismatch as (
    select
        x.document_id,
        'indicator ' || x.indicator || ': ' || format('{:.10g}', x.points_deducted::double) || ' deducted, max ' || format('{:.10g}', i.max_points::double)
            || ' − score ' || format('{:.10g}', i.score::double) || ' = ' || format('{:.10g}', (i.max_points - i.score)::double) as detail
    from deductions as x
    join indicators as i on i.document_id = x.document_id and i.indicator_name = x.indicator
    where x.points_deducted is not null
      and abs(x.points_deducted - (i.max_points - i.score)) > 0.01
),

final as (
    select * from section_mismatch
    union all
    select * from row_mismatch
)

select * from final

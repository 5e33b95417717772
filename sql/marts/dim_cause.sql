-- One row per deduction-cause code: the taxonomy of sql/taxonomy/causes.csv, plus any code
-- an extract used that the taxonomy does not (yet) list, flagged is_in_taxonomy = false.
with taxonomy as (
    select * from stg_cause
),

used as (
    select distinct trim(code) as code
    from (
        select unnest(string_split(causes, ',')) as code from stg_deduction where causes is not null
        union all
        select unnest(string_split(causes, ',')) as code from stg_problem where causes is not null
    )
    where trim(code) <> ''
),

final as (
    select code, name_zh, name_en, patterns, true as is_in_taxonomy from taxonomy
    union all
    select code, null, null, null, false from used where code not in (select code from taxonomy)
)

select * from final order by is_in_taxonomy desc, code

-- view: computed when read from the view it unnests
-- One row per problem and each of its cause codes.
with problems as (
    select * from fct_problem
),

final as (
    select
        document_id,
        department_id,
        year,
        problem_seq,
        unnest(cause_codes) as cause_code,
        is_current
    from problems
)

select * from final

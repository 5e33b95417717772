-- view: computed when read from the view it unnests
-- One row per deduction and each of its cause codes: group by cause_code to count deductions by cause.
with deductions as (
    select * from fct_deduction
),

final as (
    select
        document_id,
        department_id,
        year,
        deduction_seq,
        unnest(cause_codes) as cause_code,
        points_deducted,
        is_current
    from deductions
)

select * from final

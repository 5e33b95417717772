-- The deduction-cause taxonomy, reloaded from sql/taxonomy/causes.csv on every run.
create table if not exists stg_cause (
    code     varchar not null,
    name_zh  varchar,
    name_en  varchar,
    patterns varchar
);

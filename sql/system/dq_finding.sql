-- The data-quality findings of the latest load: one row per offending row of an assert_* check.
create table if not exists dq_finding (
    run_id      bigint not null,
    check_name  varchar not null,
    table_name  varchar,
    document_id bigint,
    detail      varchar
);

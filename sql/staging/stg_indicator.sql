-- One row per row of a performance-indicator table (target vs. actual) of a document.
create table if not exists stg_indicator (
    document_id    bigint not null,
    run_id         bigint not null,
    indicator_seq  integer not null,
    category       varchar,
    dimension      varchar,
    name           varchar,
    target_text    varchar,
    actual_text    varchar,
    target_value   decimal(18, 4),
    actual_value   decimal(18, 4),
    unit           varchar,
    completion_pct decimal(18, 4),
    max_points     decimal(18, 4),
    score          decimal(18, 4),
    evidence_line  integer,
    evidence_quote varchar
);

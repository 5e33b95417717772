-- One row per deduction (扣分) of a document; causes are comma-separated cause codes.
create table if not exists stg_deduction (
    document_id    bigint not null,
    run_id         bigint not null,
    deduction_seq  integer not null,
    section        varchar,
    indicator      varchar,
    max_points     decimal(18, 4),
    points         decimal(18, 4),
    reason         varchar,
    causes         varchar,
    evidence_line  integer,
    evidence_quote varchar
);

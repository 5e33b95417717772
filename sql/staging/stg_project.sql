-- One row per named project or sub-project with money, as a document states it.
create table if not exists stg_project (
    document_id        bigint not null,
    run_id             bigint not null,
    project_seq        integer not null,
    name               varchar,
    parent             varchar,
    initial_wan        decimal(18, 4),
    budget_wan         decimal(18, 4),
    spent_wan          decimal(18, 4),
    execution_rate_pct decimal(18, 4),
    evidence_line      integer,
    evidence_quote     varchar
);

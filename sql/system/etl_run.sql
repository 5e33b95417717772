-- One row per load: what it saw, what it changed, how long it took, and how it ended.
create table if not exists etl_run (
    run_id                bigint not null,
    started_at            timestamp not null,
    finished_at           timestamp,
    status                varchar not null,
    documents_seen        integer,
    documents_new         integer,
    documents_unchanged   integer,
    documents_rejected    integer,
    documents_reextracted integer,
    findings              integer,
    duration_ms           bigint,
    rows_per_table        varchar,
    extractor_version     varchar,
    sources               varchar,
    error                 varchar
);

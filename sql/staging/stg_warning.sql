-- One row per extractor warning (a value not found, numbers that do not add up, ...).
create table if not exists stg_warning (
    document_id bigint not null,
    run_id      bigint not null,
    warning_seq integer not null,
    text        varchar
);

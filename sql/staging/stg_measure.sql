-- One row per improvement measure (改进措施 / 下一步计划) of a document.
create table if not exists stg_measure (
    document_id bigint not null,
    run_id      bigint not null,
    measure_seq integer not null,
    text        varchar
);

-- One row per stated sub-score (履职效能, 管理效率, ...) of a document.
create table if not exists stg_score_part (
    document_id bigint not null,
    run_id      bigint not null,
    part_seq    integer not null,
    name        varchar,
    max_points  decimal(18, 4),
    score       decimal(18, 4)
);

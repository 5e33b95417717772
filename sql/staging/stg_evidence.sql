-- One row per evidenced scalar of a document: the JSON path of the field, its line and exact quote.
create table if not exists stg_evidence (
    document_id bigint not null,
    run_id      bigint not null,
    field       varchar not null,
    line        integer,
    quote       varchar
);

-- One row per stated problem (存在的主要问题); causes are comma-separated cause codes.
create table if not exists stg_problem (
    document_id    bigint not null,
    run_id         bigint not null,
    problem_seq    integer not null,
    text           varchar,
    causes         varchar,
    evidence_line  integer,
    evidence_quote varchar
);

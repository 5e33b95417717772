-- The spool of serve's extraction fan-out (README: "Scaling past one machine"), beside Hangfire's own schema.
-- Idempotent: the coordinator runs it before each fan-out.
create schema if not exists perfeval;

-- Extracts made by extract batches, waiting for the load that stages them; the load deletes what it used.
create table if not exists perfeval.spooled_extract (
    sha256            text        not null,
    extractor_version text        not null,
    payload           bytea       not null, -- ExtractCodec: format byte, then Brotli-compressed perfeval.extract/1 JSON
    spooled_at        timestamptz not null default now(),
    primary key (sha256, extractor_version)
);

-- The documents of the published warehouse (its stg_document), copied before each fan-out so batches skip them.
create table if not exists perfeval.loaded_document (
    sha256            text not null primary key,
    extractor_version text not null
);

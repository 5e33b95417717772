-- What each source file looked like when a run last hashed it: its size and last-write time, and the
-- SHA-256 of its bytes then. A later run that finds the same size and last-write time takes the hash
-- from here instead of reading the file again (as git's index does); `perfeval run --rehash` ignores
-- it. A file written within two seconds before it was hashed is always read again, so a change made
-- in the same clock tick as the hashing cannot hide behind an unchanged last-write time.
create table if not exists etl_source_file (
    path                 varchar not null,
    size_bytes           bigint not null,
    last_write_utc_ticks bigint not null,
    hashed_at_utc_ticks  bigint not null,
    sha256               varchar not null
);

-- What the derived tables were built from: the fingerprint of the SQL models, the taxonomy and the
-- extractor version. A run that stages nothing new and finds the same fingerprint keeps them as they are.
create table if not exists etl_state (
    key    varchar primary key,
    value  varchar not null
);

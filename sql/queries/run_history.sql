-- The load history, newest first (perfeval runs).
select
    run_id,
    started_at,
    status,
    documents_seen,
    documents_new,
    documents_unchanged,
    documents_reextracted,
    documents_rejected,
    findings,
    round(duration_ms / 1000.0, 2) as duration_s,
    extractor_version,
    error
from etl_run
order by run_id desc
limit $limit

-- After a backfill, drop the older extract of every document this run re-extracted.
-- {{table}} is each stg_ table keyed by (document_id, run_id).
delete from {{table}}
where run_id <> $run_id
  and document_id in (select document_id from stg_document where run_id = $run_id)

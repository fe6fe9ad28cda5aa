-- The profiles of the firms in $1 (enterprise ids) are rebuilt by the next drain; asked at $2, in the caller's transaction.
INSERT INTO financematch.profile_rebuild_requests (uscc, requested_at)
SELECT e.uscc, $2 FROM financematch.enterprises e WHERE e.id = ANY($1)
ON CONFLICT (uscc) DO NOTHING

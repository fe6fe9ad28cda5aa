-- Appends one read to a firm's access chain (ReportAccessLog): run after the firm's advisory lock, in READ COMMITTED.
WITH last AS (
    SELECT position, hash FROM financematch.report_accesses WHERE enterprise_id = $2 ORDER BY position DESC LIMIT 1
), next AS (
    SELECT coalesce((SELECT position FROM last), 0) + 1 AS position,
        coalesce((SELECT hash FROM last), $11) AS previous_hash
), appended AS (
    INSERT INTO financematch.report_accesses (id, enterprise_id, actor_role, institution_id, operator_client_id, consent_id, scopes, purpose,
        accessed_at, position, previous_hash, hash)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, next.position, next.previous_hash,
        encode(sha256(convert_to(next.previous_hash || $10, 'UTF8')), 'hex')
    FROM next
    RETURNING position, previous_hash, hash
), head AS (
    INSERT INTO financematch.report_access_chains (enterprise_id, length, last_hash)
    SELECT $2, position, hash FROM appended
    ON CONFLICT (enterprise_id) DO UPDATE SET length = excluded.length, last_hash = excluded.last_hash
)
SELECT position, previous_hash, hash FROM appended

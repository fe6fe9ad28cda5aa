-- A list's batch, staged in {{staging}} (uscc per row), applied to list $1 from batch $2 at $3: with $4 (replace) the
-- members the batch does not name leave the list; every firm it names that was not on the list joins it (a firm already
-- on it keeps the batch that first listed it). The firms that joined are returned.
WITH removed AS (
    DELETE FROM financematch.list_members m
    WHERE $4::boolean AND m.list_id = $1
      AND NOT EXISTS (SELECT 1 FROM {{staging}} s WHERE s.uscc = m.uscc)
    RETURNING m.uscc
)
INSERT INTO financematch.list_members (list_id, uscc, batch_id, added_at)
SELECT DISTINCT $1::uuid, s.uscc, $2::uuid, $3::timestamptz
FROM {{staging}} s
ON CONFLICT (list_id, uscc) DO NOTHING
RETURNING uscc

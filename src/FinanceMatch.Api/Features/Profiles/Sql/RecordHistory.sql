-- A history row for each firm whose score, grade or model changed ($1 now, $2 the model version). In a switch-over
-- ($3 the version it leaves) every firm gets two rows at the same moment: its score by the version left and by the new
-- one, so the history shows both for the changeover day.
INSERT INTO financematch.credit_profile_history (uscc, computed_at, score, grade, model_version)
SELECT s.uscc, $1, s.score, s.grade, $2
FROM {{staging}} s LEFT JOIN financematch.credit_profiles p ON p.uscc = s.uscc
WHERE $3::text IS NOT NULL OR p.uscc IS NULL OR p.score IS DISTINCT FROM s.score OR p.grade IS DISTINCT FROM s.grade
    OR p.model_version <> $2
UNION ALL
SELECT s.uscc, $1, s.previous_score, s.previous_grade, $3
FROM {{staging}} s
WHERE $3::text IS NOT NULL
ON CONFLICT DO NOTHING

-- A history row for each firm whose score, grade or model changed ($1 now, $2 the model version).
INSERT INTO financematch.credit_profile_history (uscc, computed_at, score, grade, model_version)
SELECT s.uscc, $1, s.score, s.grade, $2
FROM {{staging}} s LEFT JOIN financematch.credit_profiles p ON p.uscc = s.uscc
WHERE p.uscc IS NULL OR p.score IS DISTINCT FROM s.score OR p.grade IS DISTINCT FROM s.grade OR p.model_version <> $2

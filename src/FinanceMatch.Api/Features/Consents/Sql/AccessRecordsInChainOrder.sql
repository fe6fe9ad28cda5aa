-- Every access record, in chain order (VerifyAccessChains).
SELECT id, enterprise_id, actor_role, institution_id, operator_client_id, consent_id, scopes, purpose, accessed_at, position,
    previous_hash, hash
FROM financematch.report_accesses ORDER BY enterprise_id, position

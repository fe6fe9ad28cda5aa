-- The firm's credit profile for a report (GetReport), read only when the read's access record $1, written earlier in the
-- same transaction, names the profile scope.
SELECT p.enterprise_id, p.uscc, p.rated, p.score, p.grade, p.model_version, p.computed_at, p.tax_months,
    p.social_security_months, p.utility_months, p.dimensions, p.factors, p.metrics, p.caps, p.dishonest_debtor,
    p.serious_penalty_last36months, p.tax_arrears, p.social_security_arrears, p.utility_overdue, p.registration_abnormal,
    p.open_seizure
FROM financematch.credit_profiles p
WHERE p.enterprise_id = (SELECT a.enterprise_id FROM financematch.report_accesses a WHERE a.id = $1 AND 'Profile' = ANY (a.scopes))

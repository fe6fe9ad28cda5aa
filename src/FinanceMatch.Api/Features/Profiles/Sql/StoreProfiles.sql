-- The rebuilt profiles replace the stored ones ($1 now, $2 the model version).
INSERT INTO financematch.credit_profiles (uscc, enterprise_id, rated, score, grade, model_version, computed_at, tax_months,
    social_security_months, utility_months, dishonest_debtor, serious_penalty_last36months, tax_arrears,
    social_security_arrears, utility_overdue, tax_paid_last12months, insured_employees_latest, dimensions, factors, metrics, registration_abnormal, open_seizure, caps)
SELECT uscc, enterprise_id, rated, score, grade, $2, $1, tax_months, social_security_months, utility_months, dishonest_debtor,
    serious_penalty_last36months, tax_arrears, social_security_arrears, utility_overdue, tax_paid_last12months,
    insured_employees_latest, dimensions, factors, metrics, registration_abnormal, open_seizure, caps
FROM {{staging}}
ORDER BY uscc -- rows are locked in one order by every rebuild, so concurrent rebuilds cannot deadlock
ON CONFLICT (uscc) DO UPDATE SET enterprise_id = excluded.enterprise_id, rated = excluded.rated, score = excluded.score,
    grade = excluded.grade, model_version = excluded.model_version, computed_at = excluded.computed_at,
    tax_months = excluded.tax_months, social_security_months = excluded.social_security_months,
    utility_months = excluded.utility_months, dishonest_debtor = excluded.dishonest_debtor,
    serious_penalty_last36months = excluded.serious_penalty_last36months, tax_arrears = excluded.tax_arrears,
    social_security_arrears = excluded.social_security_arrears, utility_overdue = excluded.utility_overdue,
    tax_paid_last12months = excluded.tax_paid_last12months, insured_employees_latest = excluded.insured_employees_latest,
    dimensions = excluded.dimensions, factors = excluded.factors, metrics = excluded.metrics,
    registration_abnormal = excluded.registration_abnormal, open_seizure = excluded.open_seizure, caps = excluded.caps

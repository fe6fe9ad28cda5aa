-- The rebuilt profiles of one rebuild, copied in before they replace the stored ones ({{staging}}, dropped after);
-- previous_score and previous_grade: the same firm scored by the version a switch-over leaves (null otherwise).
CREATE UNLOGGED TABLE {{staging}} (uscc text, enterprise_id uuid, rated boolean, score integer, grade text,
    tax_months integer, social_security_months integer, utility_months integer, dishonest_debtor boolean,
    serious_penalty_last36months boolean, tax_arrears boolean, social_security_arrears boolean, utility_overdue boolean,
    tax_paid_last12months numeric, insured_employees_latest integer, dimensions jsonb, factors jsonb, metrics jsonb,
    registration_abnormal boolean, open_seizure boolean, caps text[], previous_score integer, previous_grade text)

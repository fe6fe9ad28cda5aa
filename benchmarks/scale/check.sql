-- benchmarks/scale/check.sql — checks a database generate.sql built: row counts, the rules the domain and the
-- migration hold, and the shape of the distributions. psql -X -d scale_x -f benchmarks/scale/check.sql
-- Every "violations" figure must be 0.
\set ON_ERROR_STOP on
SET search_path = financematch;
\pset footer off

\echo 'Rows:'
SELECT (SELECT count(*) FROM enterprises) AS firms, (SELECT count(*) FROM tax_records) AS tax,
    (SELECT count(*) FROM social_security_records) AS social_security,
    (SELECT count(*) FROM utility_records WHERE kind = 'electricity') AS electricity,
    (SELECT count(*) FROM utility_records WHERE kind = 'water') AS water,
    (SELECT count(*) FROM institutions) AS banks, (SELECT count(*) FROM products) AS products,
    (SELECT count(*) FROM loan_requests) AS requests, (SELECT count(*) FROM matches) AS matches,
    (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM loans) AS loans,
    (SELECT count(*) FROM departments) AS departments, (SELECT count(*) FROM feed_batches) AS batches,
    (SELECT count(*) FROM credentials) AS credentials;

\echo 'Violations (each must be 0):'
SELECT 'firm not verified' AS rule, count(*) AS violations FROM enterprises WHERE verification <> 'Verified'
UNION ALL SELECT 'USCC check character wrong', count(*) FROM enterprises e
    WHERE substr(e.uscc, 18, 1) <> (SELECT substr('0123456789ABCDEFGHJKLMNPQRTUWXY', ((31 - s % 31) % 31 + 1)::int, 1)
        FROM (SELECT sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(e.uscc, i, 1)) - 1)
            * (ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])[i]) AS s FROM generate_series(1, 17) i) x)
UNION ALL SELECT 'USCC characters 3-8 not the division', count(*) FROM enterprises WHERE substr(uscc, 3, 6) <> division_code
UNION ALL SELECT 'firm without credential', count(*) FROM enterprises e
    WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.role = 'Enterprise' AND c.subject_id = e.id)
UNION ALL SELECT 'firm-month without 4 records', count(*) FROM (
    SELECT e.uscc, p.period FROM enterprises e CROSS JOIN (SELECT DISTINCT period FROM tax_records) p
    EXCEPT SELECT uscc, period FROM tax_records) x
UNION ALL SELECT 'record of a department that does not exist', count(*) FROM (
    SELECT department_id FROM tax_records UNION ALL SELECT department_id FROM social_security_records
    UNION ALL SELECT department_id FROM utility_records) r WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.id = r.department_id)
UNION ALL SELECT 'record of a batch that does not exist', count(*) FROM (
    SELECT batch_id FROM tax_records UNION ALL SELECT batch_id FROM social_security_records
    UNION ALL SELECT batch_id FROM utility_records) r WHERE NOT EXISTS (SELECT 1 FROM feed_batches b WHERE b.id = r.batch_id)
UNION ALL SELECT 'batch rows differ from its records', count(*) FROM feed_batches b
    WHERE b.total_rows <> (SELECT count(*) FROM tax_records t WHERE t.batch_id = b.id)
        + (SELECT count(*) FROM social_security_records t WHERE t.batch_id = b.id)
        + (SELECT count(*) FROM utility_records t WHERE t.batch_id = b.id)
UNION ALL SELECT 'quality rule tax.taxAboveRevenue', count(*) FROM tax_records WHERE taxable_revenue > 0 AND tax_paid > taxable_revenue / 2
UNION ALL SELECT 'quality rule tax.revenueWithoutTax', count(*) FROM tax_records WHERE taxable_revenue >= 1000000 AND tax_paid = 0
UNION ALL SELECT 'quality rule socialSecurity.*', count(*) FROM social_security_records
    WHERE (insured_employees = 0 AND contribution_paid > 0) OR (insured_employees > 0 AND contribution_paid = 0 AND arrears = 0)
        OR (insured_employees > 0 AND contribution_paid / insured_employees > 20000)
UNION ALL SELECT 'quality rule utility.*', count(*) FROM utility_records
    WHERE (amount_billed > 0 AND amount_overdue > 24 * amount_billed) OR (consumption = 0 AND amount_billed >= 10000)
UNION ALL SELECT 'product not published, or without its version', count(*) FROM products p
    WHERE p.status <> 'Published' OR NOT EXISTS (SELECT 1 FROM product_versions v WHERE v.product_id = p.id AND v.version = p.version)
UNION ALL SELECT 'request without its consent', count(*) FROM loan_requests r
    WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.id = r.consent_id AND c.loan_request_id = r.id AND c.enterprise_id = r.enterprise_id)
UNION ALL SELECT 'request before its firm was verified', count(*) FROM loan_requests r JOIN enterprises e ON e.id = r.enterprise_id
    WHERE r.created_at < e.verification_decided_at
UNION ALL SELECT 'request status contradicts its matches', count(*) FROM loan_requests r
    CROSS JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE status = 'Accepted') AS accepted,
        count(*) FILTER (WHERE status = 'Disbursed') AS disbursed,
        count(*) FILTER (WHERE status IN ('Pending', 'UnderReview', 'Approved')) AS open FROM matches m WHERE m.loan_request_id = r.id) m
    WHERE NOT CASE r.status WHEN 'NoMatch' THEN m.n = 0 WHEN 'Fulfilled' THEN m.disbursed = 1 AND m.open = 0
        WHEN 'OfferAccepted' THEN m.accepted = 1 AND m.open = 0 WHEN 'Cancelled' THEN m.open = 0 AND m.accepted + m.disbursed = 0
        WHEN 'Matched' THEN m.n > 0 AND m.accepted + m.disbursed = 0 ELSE false END
UNION ALL SELECT 'request made to one product matched elsewhere', count(*) FROM loan_requests r JOIN matches m ON m.loan_request_id = r.id
    WHERE r.product_id IS NOT NULL AND m.product_id <> r.product_id
UNION ALL SELECT 'match ranks not 1..n', count(*) FROM (SELECT loan_request_id, max(rank) AS top, count(*) AS n
    FROM matches GROUP BY 1) x WHERE top <> n
UNION ALL SELECT 'two matches of a request with one bank', count(*) FROM (SELECT loan_request_id, institution_id
    FROM matches GROUP BY 1, 2 HAVING count(*) > 1) x
UNION ALL SELECT 'match terms outside the request or product', count(*) FROM matches m JOIN loan_requests r ON r.id = m.loan_request_id
    JOIN products p ON p.id = m.product_id
    WHERE r.amount NOT BETWEEN p.min_amount AND p.max_amount OR r.term_months NOT BETWEEN p.min_term_months AND p.max_term_months
        OR NOT (r.guarantee_types && p.guarantee_types) OR m.institution_id <> p.institution_id OR m.enterprise_id <> r.enterprise_id
        OR m.approved_amount > r.amount OR m.annual_rate NOT BETWEEN p.min_annual_rate AND p.max_annual_rate
        OR m.disbursed_amount > m.approved_amount
UNION ALL SELECT 'match fails a product rule on the firm', count(*) FROM matches m JOIN products p ON p.id = m.product_id
    JOIN enterprises e ON e.id = m.enterprise_id JOIN loan_requests r ON r.id = m.loan_request_id
    WHERE (cardinality(p.division_prefixes) > 0 AND NOT EXISTS (SELECT 1 FROM unnest(p.division_prefixes) x WHERE e.division_code LIKE x || '%'))
        OR (cardinality(p.industry_include) > 0 AND NOT EXISTS (SELECT 1 FROM unnest(p.industry_include) x WHERE e.industry_code LIKE x || '%'))
        OR EXISTS (SELECT 1 FROM unnest(p.industry_exclude) x WHERE e.industry_code LIKE x || '%')
        OR (p.min_grade IS NOT NULL AND array_position('{AAA,AA,A,BBB,BB,B,C}'::text[], r.grade_when_posted)
            > array_position('{AAA,AA,A,BBB,BB,B,C}'::text[], p.min_grade))
UNION ALL SELECT 'match fit score is not the sum of its parts', count(*) FROM matches
    WHERE fit_score <> (fit ->> 'price')::int + (fit ->> 'guarantee')::int + (fit ->> 'eligibilityMargin')::int
        + (fit ->> 'amount')::int + (fit ->> 'term')::int
UNION ALL SELECT 'match reasons not all passed', count(*) FROM matches
    WHERE jsonb_typeof(reasons) <> 'array' OR jsonb_array_length(reasons) < 3 OR reasons @> '[{"passed": false}]'
UNION ALL SELECT 'match timestamps out of order', count(*) FROM matches m JOIN loan_requests r ON r.id = m.loan_request_id
    WHERE m.created_at < r.created_at OR m.first_responded_at < m.created_at OR m.approved_at < m.first_responded_at
        OR m.closed_at < m.created_at OR m.updated_at < m.created_at OR m.updated_at > now()
        OR m.disbursed_on < (m.approved_at AT TIME ZONE 'UTC')::date
UNION ALL SELECT 'match fields contradict its status', count(*) FROM matches
    WHERE NOT CASE status
        WHEN 'Pending' THEN first_responded_at IS NULL AND approved_at IS NULL AND closed_at IS NULL
        WHEN 'UnderReview' THEN first_responded_at IS NOT NULL AND approved_at IS NULL AND closed_at IS NULL
        WHEN 'Approved' THEN approved_at IS NOT NULL AND approved_amount IS NOT NULL AND closed_at IS NULL
        WHEN 'Accepted' THEN approved_at IS NOT NULL AND closed_at IS NULL
        WHEN 'Disbursed' THEN disbursed_amount IS NOT NULL AND disbursed_on IS NOT NULL AND closed_at IS NOT NULL
        WHEN 'Declined' THEN decline_reason_code IS NOT NULL AND first_responded_at IS NOT NULL AND closed_at IS NOT NULL
        WHEN 'Expired' THEN first_responded_at IS NULL AND closed_at >= created_at + interval '72 hours'
        WHEN 'Withdrawn' THEN closed_at IS NOT NULL ELSE false END
UNION ALL SELECT 'pending match older than the 72-hour deadline', count(*) FROM matches
    WHERE status = 'Pending' AND created_at < (SELECT max(created_at) FROM loan_requests) - interval '73 hours'
UNION ALL SELECT 'disbursed match without its loan, or loan without one', (SELECT count(*) FROM matches m
    WHERE m.status = 'Disbursed' AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.id = m.id))
    + (SELECT count(*) FROM loans l JOIN matches m ON m.id = l.id WHERE m.status <> 'Disbursed' OR l.amount <> m.disbursed_amount)
UNION ALL SELECT 'loan figures contradict its status (Loan.CheckFigures)', count(*) FROM loans
    WHERE principal_outstanding > amount OR (status = 'Repaying' AND overdue_days <> 0)
        OR (status IN ('Overdue', 'Defaulted') AND overdue_days = 0)
        OR (status IN ('Settled', 'Recovered') AND (principal_outstanding <> 0 OR overdue_days <> 0))
        OR (status = 'WrittenOff' AND principal_outstanding = 0)
        OR (status IN ('Defaulted', 'WrittenOff', 'Recovered')) <> (defaulted_on IS NOT NULL)
        OR (status IN ('Settled', 'WrittenOff', 'Recovered')) <> (ended_on IS NOT NULL)
UNION ALL SELECT 'loan report missing or different', count(*) FROM loans l
    WHERE l.last_period IS NOT NULL AND NOT EXISTS (SELECT 1 FROM loan_performance p WHERE p.loan_id = l.id
        AND p.period = l.last_period AND p.status = l.status AND p.principal_outstanding = l.principal_outstanding)
UNION ALL SELECT 'consent lasting over 365 days', count(*) FROM consents WHERE expires_at > created_at + interval '365 days'
UNION ALL SELECT 'credential secret not sha256', count(*) FROM credentials WHERE client_id LIKE '%scale%' AND secret_hash NOT LIKE 'sha256:%'
UNION ALL SELECT 'day with requests not marked stale', count(*) FROM (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS day
    FROM loan_requests) d WHERE NOT EXISTS (SELECT 1 FROM stats_stale_days s WHERE s.day = d.day);

\echo 'Distributions:'
SELECT 'match' AS of, status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct FROM matches GROUP BY status
UNION ALL SELECT 'request', status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1) FROM loan_requests GROUP BY status
UNION ALL SELECT 'loan', status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1) FROM loans GROUP BY status
UNION ALL SELECT 'grade when posted', grade_when_posted, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1)
    FROM loan_requests GROUP BY grade_when_posted
ORDER BY 1, 3 DESC;
SELECT matches_per_request, count(*) AS requests FROM (SELECT r.id, count(m.id) AS matches_per_request FROM loan_requests r
    LEFT JOIN matches m ON m.loan_request_id = r.id GROUP BY r.id) x GROUP BY 1 ORDER BY 1;
SELECT to_char(date_trunc('quarter', created_at), 'YYYY-"Q"Q') AS quarter, count(*) AS requests,
    count(*) FILTER (WHERE extract(isodow FROM created_at + interval '8 hours') >= 6) AS on_weekends
FROM loan_requests GROUP BY 1 ORDER BY 1;
SELECT i.code, i.name, count(*) AS matches FROM matches m JOIN institutions i ON i.id = m.institution_id
GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5;
SELECT 'firms with a consent naming a bank, in force' AS what, count(DISTINCT enterprise_id) FROM consents
    WHERE institution_id IS NOT NULL AND status = 'Active' AND expires_at > now()
UNION ALL SELECT 'firms with a request whose consent is in force and a bank still on it', count(DISTINCT r.enterprise_id)
    FROM loan_requests r JOIN consents c ON c.id = r.consent_id
    WHERE c.status = 'Active' AND c.expires_at > now() AND EXISTS (SELECT 1 FROM matches m WHERE m.loan_request_id = r.id
        AND m.status IN ('Pending', 'UnderReview', 'Approved', 'Accepted', 'Disbursed'));

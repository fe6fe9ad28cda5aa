-- Loan outcomes by one dimension ($1: all, institution, product, grade, division, industry, programme, guarantee) over
-- the loans disbursed from $3 until $4 (inclusive, null $3: since the beginning), of one institution ($2) or of the
-- platform ($2 null). $5: the first day of the current period less the periods a loan may go unreported (stale before it).
-- Definitions as docs/LIFECYCLE.md ("Outcome statistics").
WITH loans AS (
    SELECT l.*, en.programme_id, en.reserved AS cover_reserved, p.name AS programme_name, i.name AS institution_name,
        coalesce(c.paid, 0) AS claims_paid
    FROM financematch.loans l
    JOIN financematch.institutions i ON i.id = l.institution_id
    LEFT JOIN financematch.risk_enrolments en ON en.loan_id = l.id
    LEFT JOIN financematch.risk_programmes p ON p.id = en.programme_id
    LEFT JOIN (SELECT loan_id, sum(amount) AS paid FROM financematch.risk_claims WHERE status = 'Approved' GROUP BY loan_id) c
        ON c.loan_id = l.id
    WHERE ($2::uuid IS NULL OR l.institution_id = $2::uuid)
        AND ($3::date IS NULL OR l.disbursed_on >= $3::date) AND l.disbursed_on <= $4::date
), keyed AS (
    SELECT l.*,
        CASE $1::text
            WHEN 'all' THEN 'all'
            WHEN 'institution' THEN l.institution_id::text
            WHEN 'product' THEN l.product_id::text
            WHEN 'grade' THEN coalesce(l.grade, 'unrated')
            WHEN 'division' THEN l.division_code
            WHEN 'industry' THEN l.industry_code
            WHEN 'programme' THEN coalesce(l.programme_id::text, 'none')
            WHEN 'guarantee' THEN l.guarantee_type
        END AS key,
        CASE $1::text
            WHEN 'institution' THEN l.institution_name
            WHEN 'product' THEN l.product_name
            WHEN 'programme' THEN coalesce(l.programme_name, 'not covered')
        END AS label
    FROM loans l
)
SELECT key, coalesce(min(label), key) AS label,
    count(*) AS loans,
    sum(amount) AS disbursed_amount,
    count(*) FILTER (WHERE status IN ('Repaying', 'Overdue', 'Defaulted')) AS outstanding_loans,
    coalesce(sum(principal_outstanding) FILTER (WHERE status IN ('Repaying', 'Overdue', 'Defaulted')), 0) AS outstanding_amount,
    count(*) FILTER (WHERE status = 'Overdue') AS overdue_loans,
    coalesce(sum(principal_outstanding) FILTER (WHERE status = 'Overdue'), 0) AS overdue_amount,
    count(*) FILTER (WHERE defaulted_on IS NOT NULL) AS defaulted_loans,
    coalesce(sum(principal_outstanding) FILTER (WHERE status IN ('Defaulted', 'WrittenOff')), 0) AS defaulted_amount,
    count(*) FILTER (WHERE status = 'Settled') AS settled_loans,
    count(*) FILTER (WHERE status = 'Repaying') AS repaying_loans,
    count(*) FILTER (WHERE first_loan) AS first_loans,
    count(*) FILTER (WHERE guarantee_type = 'Credit') AS credit_loans,
    avg(annual_rate) AS average_rate,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY (extract(epoch FROM approved_at - requested_at) / 3600)::float8) AS median_hours_to_approval,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY (disbursed_on - requested_at::date)::float8) AS median_days_to_disbursement,
    count(*) FILTER (WHERE status IN ('Repaying', 'Overdue', 'Defaulted')
        AND coalesce(last_period, (date_trunc('month', disbursed_on) - interval '1 month')::date) < $5::date) AS stale_loans,
    count(programme_id) AS covered_loans,
    coalesce(sum(cover_reserved), 0) AS reserved,
    coalesce(sum(claims_paid), 0) AS claims_paid
FROM keyed
GROUP BY key
ORDER BY key

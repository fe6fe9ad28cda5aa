-- The facts of the day $1 (requests posted from $2 until $3): each request with its firm, once per match it has or once
-- without one; the same definitions as docs/STATISTICS.md.
INSERT INTO pg_temp.stats_day_facts
SELECT $1::date, r.id, r.amount, e.division_code::text, e.industry_code::text, r.grade_when_posted, m.id, m.institution_id,
    m.product_id, m.product_name, m.status, m.approved_at, m.approved_amount, m.disbursed_amount,
    floor(extract(epoch FROM m.first_responded_at - m.created_at) / 360)::int
FROM financematch.loan_requests r
JOIN financematch.enterprises e ON e.id = r.enterprise_id
LEFT JOIN financematch.matches m ON m.loan_request_id = r.id
WHERE r.created_at >= $2 AND r.created_at < $3

-- The demo's history. Its loans were paid out today through the API (a disbursement cannot be dated before its
-- approval, and the approval is now); this spreads them over the last two years, as a platform running since then
-- would hold them, so that the outcome statistics and the scorecard have something to show. Development only: it
-- touches the loans of the demo's institutions (codes DEMO-…) that were paid out today and never anything else.
--
-- Each loan goes back 0–23 whole months (fixed by its id, so a rerun on the same world gives the same history), and
-- its request and every match of it with it (the statistics' rollups follow: their triggers log the days changed); its
-- last report (this period, made through the API) stays, and the months before it are filled in: repaying with the
-- principal falling evenly, the two months before a default overdue. Money movements (ledgers) keep their real times.
CREATE TEMP TABLE demo_aged ON COMMIT DROP AS
SELECT l.id, l.loan_request_id, make_interval(months => abs(hashtext(l.id::text)) % 24) AS back
FROM financematch.loans l
JOIN financematch.institutions i ON i.id = l.institution_id
WHERE i.code LIKE 'DEMO-%' AND l.disbursed_on = (now() AT TIME ZONE 'UTC')::date;

UPDATE financematch.loans l
SET disbursed_on = (l.disbursed_on - a.back)::date,
    requested_at = l.requested_at - a.back,
    approved_at = l.approved_at - a.back,
    created_at = l.created_at - a.back
FROM demo_aged a
WHERE a.id = l.id;

UPDATE financematch.loan_requests r
SET created_at = r.created_at - a.back, matched_at = r.matched_at - a.back, closed_at = r.closed_at - a.back
FROM demo_aged a
WHERE a.loan_request_id = r.id;

UPDATE financematch.matches m
SET disbursed_on = (m.disbursed_on - a.back)::date,
    created_at = m.created_at - a.back,
    first_responded_at = m.first_responded_at - a.back,
    approved_at = m.approved_at - a.back,
    closed_at = m.closed_at - a.back,
    updated_at = m.updated_at - a.back
FROM demo_aged a
WHERE a.loan_request_id = m.loan_request_id;

INSERT INTO financematch.loan_performance (loan_id, period, principal_outstanding, overdue_days, status, batch_id, reported_at)
SELECT l.id, p.period::date,
    round(l.amount * (1 - 0.9 * (p.n - 1) / greatest(l.term_months, p.total)), 2),
    CASE WHEN l.defaulted_on IS NOT NULL AND p.n > p.total - 2 THEN 35 * (p.n - p.total + 2) ELSE 0 END,
    CASE WHEN l.defaulted_on IS NOT NULL AND p.n > p.total - 2 THEN 'Overdue' ELSE 'Repaying' END,
    NULL, p.period + interval '1 month' + interval '3 days'
FROM financematch.loans l
JOIN demo_aged a ON a.id = l.id
CROSS JOIN LATERAL (
    SELECT g AS period, row_number() OVER (ORDER BY g) AS n, count(*) OVER () AS total
    FROM generate_series(date_trunc('month', l.disbursed_on), l.last_period - interval '1 month', interval '1 month') g
) p
WHERE l.last_period IS NOT NULL
ON CONFLICT (loan_id, period) DO NOTHING;

SELECT count(*) AS aged, count(*) FILTER (WHERE back >= interval '12 months') AS older_than_a_year FROM demo_aged;

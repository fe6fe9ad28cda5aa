-- One rollup's day rows from the gathered facts f (pg_temp.stats_day_facts): $1 the dimension (all, division, industry,
-- grade, product), $2 true for each institution's rows (only its own matches and the requests they belong to), false for
-- the platform's (every request), $3 the platform's scope id. Definitions as docs/STATISTICS.md.
INSERT INTO financematch.stats_rollups (span, day, scope, dimension, key, label, loan_requests, requested_amount, matched_requests, matches, approved_matches,
    approved_amount, disbursed_loans, disbursed_amount, decided_matches, response_tenths, response_counts)
WITH keyed AS (
    SELECT f.*,
        CASE WHEN $2 THEN f.institution_id ELSE $3::uuid END AS scope,
        CASE $1::text
            WHEN 'all' THEN 'all'
            WHEN 'division' THEN f.division_code
            WHEN 'industry' THEN f.industry_code
            WHEN 'grade' THEN coalesce(f.grade_when_posted, 'unrated')
            WHEN 'product' THEN f.product_id::text
        END AS key
    FROM pg_temp.stats_day_facts f
    WHERE NOT $2 OR f.match_id IS NOT NULL
), facts AS (
    SELECT day, scope, key, CASE $1::text WHEN 'product' THEN product_name ELSE key END AS label, request_id, amount,
        match_id, status, approved_at, approved_amount, disbursed_amount, response_tenths,
        row_number() OVER (PARTITION BY day, scope, key, request_id ORDER BY match_id) AS nth_of_request
    FROM keyed
), figures AS (
    SELECT day, scope, key, min(label) AS label,
        count(*) FILTER (WHERE nth_of_request = 1) AS loan_requests,
        coalesce(sum(amount) FILTER (WHERE nth_of_request = 1), 0) AS requested_amount,
        count(DISTINCT request_id) FILTER (WHERE match_id IS NOT NULL) AS matched_requests,
        count(match_id) AS matches,
        count(*) FILTER (WHERE approved_at IS NOT NULL) AS approved_matches,
        coalesce(sum(approved_amount) FILTER (WHERE approved_at IS NOT NULL), 0) AS approved_amount,
        count(*) FILTER (WHERE status = 'Disbursed') AS disbursed_loans,
        coalesce(sum(disbursed_amount) FILTER (WHERE status = 'Disbursed'), 0) AS disbursed_amount,
        count(*) FILTER (WHERE approved_at IS NOT NULL OR status = 'Declined') AS decided_matches
    FROM facts GROUP BY day, scope, key
), responses AS (
    SELECT day, scope, key, array_agg(response_tenths ORDER BY response_tenths) AS tenths, array_agg(n ORDER BY response_tenths) AS counts
    FROM (SELECT day, scope, key, response_tenths, count(*)::int AS n FROM facts WHERE response_tenths IS NOT NULL
          GROUP BY day, scope, key, response_tenths) AS histogram
    GROUP BY day, scope, key
)
SELECT 'day', f.day, f.scope, $1::text, f.key, coalesce(f.label, f.key), f.loan_requests, f.requested_amount,
    f.matched_requests, f.matches, f.approved_matches, f.approved_amount, f.disbursed_loans, f.disbursed_amount, f.decided_matches,
    coalesce(x.tenths, ARRAY[]::integer[]), coalesce(x.counts, ARRAY[]::integer[])
FROM figures f LEFT JOIN responses x USING (day, scope, key)

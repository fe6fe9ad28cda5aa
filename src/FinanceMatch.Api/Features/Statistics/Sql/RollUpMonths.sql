-- Month rows for the months in $1: sums of their day rows, histograms merged.
INSERT INTO financematch.stats_rollups (span, day, scope, dimension, key, label, loan_requests, requested_amount, matched_requests, matches, approved_matches,
    approved_amount, disbursed_loans, disbursed_amount, decided_matches, response_tenths, response_counts)
WITH days AS (
    SELECT mo.month, s.*
    FROM unnest($1::date[]) AS mo (month)
    JOIN financematch.stats_rollups s ON s.span = 'day' AND s.day >= mo.month AND s.day < (mo.month + interval '1 month')::date
), figures AS (
    SELECT month, scope, dimension, key, min(label) AS label, sum(loan_requests) AS loan_requests, sum(requested_amount) AS requested_amount,
        sum(matched_requests) AS matched_requests, sum(matches) AS matches, sum(approved_matches) AS approved_matches,
        sum(approved_amount) AS approved_amount, sum(disbursed_loans) AS disbursed_loans, sum(disbursed_amount) AS disbursed_amount,
        sum(decided_matches) AS decided_matches
    FROM days GROUP BY month, scope, dimension, key
), responses AS (
    SELECT month, scope, dimension, key, array_agg(tenths ORDER BY tenths) AS tenths, array_agg(n ORDER BY tenths) AS counts
    FROM (SELECT month, scope, dimension, key, u.tenths, sum(u.n)::int AS n
          FROM days, unnest(days.response_tenths, days.response_counts) AS u (tenths, n)
          GROUP BY month, scope, dimension, key, u.tenths) AS histogram
    GROUP BY month, scope, dimension, key
)
SELECT 'month', f.month, f.scope, f.dimension, f.key, f.label, f.loan_requests, f.requested_amount, f.matched_requests, f.matches,
    f.approved_matches, f.approved_amount, f.disbursed_loans, f.disbursed_amount, f.decided_matches,
    coalesce(x.tenths, '{}'), coalesce(x.counts, '{}')
FROM figures f LEFT JOIN responses x USING (month, scope, dimension, key)

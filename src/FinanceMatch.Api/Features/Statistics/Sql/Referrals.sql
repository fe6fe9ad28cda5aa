-- Referrals (docs/STATISTICS.md): of the requests posted in the period ($1 start or null, $2 end), those a declined firm
-- asked to be matched again; how many then found a bank that had not seen them, and how many of those were paid out
-- (matches made since the last referral). A bank's own ($3): the referred requests matched to it since, and those it
-- paid out. Few requests are referred: a partial index holds them.
SELECT count(*) FILTER (WHERE $3::uuid IS NULL OR s.matched) AS referred,
    count(*) FILTER (WHERE s.matched) AS matched,
    count(*) FILTER (WHERE s.funded) AS funded
FROM financematch.loan_requests r
CROSS JOIN LATERAL (
    SELECT count(*) > 0 AS matched, count(*) FILTER (WHERE m.status = 'Disbursed') > 0 AS funded
    FROM financematch.matches m
    WHERE m.loan_request_id = r.id AND m.created_at >= r.referred_at AND ($3::uuid IS NULL OR m.institution_id = $3)
) s
WHERE r.referred_at IS NOT NULL AND ($1::timestamptz IS NULL OR r.created_at >= $1) AND r.created_at < $2

-- Policy money and the demand hall's take-up (docs/STATISTICS.md) in the period ($1 start or null, $2 end). Money: the
-- policies' subsidies reserved at disbursement and paid on claims in the period, from the fund ledger. The hall: banks'
-- interests expressed in the period, those the firm confirmed (a match), and those whose match was paid out. A bank's
-- own ($3): the policy money on its loans, its own interests.
WITH money AS (
    SELECT f.kind, f.amount
    FROM financematch.fund_ledger f
    WHERE f.policy_id IS NOT NULL AND ($1::timestamptz IS NULL OR f.at >= $1) AND f.at < $2
      AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM financematch.loans n WHERE n.id = f.loan_id AND n.institution_id = $3))
), interests AS (
    SELECT i.status, m.status AS match_status
    FROM financematch.demand_hall_interests i
    LEFT JOIN financematch.matches m ON m.id = i.match_id
    WHERE ($1::timestamptz IS NULL OR i.created_at >= $1) AND i.created_at < $2
      AND ($3::uuid IS NULL OR i.institution_id = $3)
)
SELECT (SELECT coalesce(sum(amount), 0) FROM money WHERE kind = 'Reservation') AS committed,
    (SELECT coalesce(sum(amount), 0) FROM money WHERE kind = 'Payout') AS paid,
    (SELECT count(*) FROM interests) AS interests,
    (SELECT count(*) FROM interests WHERE status = 'Confirmed') AS confirmed,
    (SELECT count(*) FROM interests WHERE match_status = 'Disbursed') AS funded

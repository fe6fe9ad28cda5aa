-- The loans disbursed on or before $1 by the model version, grade and score the firm had at disbursement, and whether
-- each has defaulted since (a default once reported counts, whatever came after: recovered or written off).
SELECT coalesce(l.model_version, 'unknown') AS model_version, coalesce(l.grade, 'unrated') AS grade, l.score,
    l.defaulted_on IS NOT NULL AS defaulted, count(*) AS loans
FROM financematch.loans l
WHERE l.disbursed_on <= $1
GROUP BY 1, 2, 3, 4

-- Verified firms by city (the first 4 digits of the division), industry section and grade, in the provinces $1 (the
-- first 2 digits): the cells the demand hall's anonymisation counts (grades become bands in Anonymisation.BandOf).
SELECT left(e.division_code, 4) AS city, left(e.industry_code, 1) AS section, p.grade, count(*)::integer
FROM financematch.enterprises e
LEFT JOIN financematch.credit_profiles p ON p.enterprise_id = e.id
WHERE e.verification = 'Verified' AND left(e.division_code, 2) = ANY ($1::text[])
GROUP BY 1, 2, 3

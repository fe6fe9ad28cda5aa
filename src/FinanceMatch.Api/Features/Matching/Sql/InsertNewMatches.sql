INSERT INTO financematch.matches (id, loan_request_id, enterprise_id, product_id, product_version, product_name,
    institution_id, rank, fit_score, reasons, fit, status, created_at, updated_at)
SELECT m.id, $1, $2, m.product_id, m.product_version, m.product_name, m.institution_id, m.rank, m.fit_score,
    m.reasons::jsonb, m.fit::jsonb, $3, $4, $4
FROM unnest($5::uuid[], $6::uuid[], $7::integer[], $8::text[], $9::uuid[], $10::integer[], $11::integer[], $12::text[], $13::text[])
    AS m (id, product_id, product_version, product_name, institution_id, rank, fit_score, reasons, fit)


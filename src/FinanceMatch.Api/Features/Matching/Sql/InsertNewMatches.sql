-- A request's new matches from parallel arrays; a match's policies come as one comma-separated text of ids each.
INSERT INTO financematch.matches (id, loan_request_id, enterprise_id, product_id, product_version, product_name,
    institution_id, rank, fit_score, reasons, fit, status, created_at, updated_at,
    guarantee_id, guarantor_id, guarantee_coverage_ratio, guarantee_fee_rate, policy_ids)
SELECT m.id, $1, $2, m.product_id, m.product_version, m.product_name, m.institution_id, m.rank, m.fit_score,
    m.reasons::jsonb, m.fit::jsonb, $3, $4, $4,
    m.guarantee_id, m.guarantor_id, m.guarantee_coverage_ratio, m.guarantee_fee_rate,
    coalesce(string_to_array(nullif(m.policy_ids, ''), ',')::uuid[], '{}')
FROM unnest($5::uuid[], $6::uuid[], $7::integer[], $8::text[], $9::uuid[], $10::integer[], $11::integer[], $12::text[], $13::text[],
        $14::uuid[], $15::uuid[], $16::numeric[], $17::numeric[], $18::text[])
    AS m (id, product_id, product_version, product_name, institution_id, rank, fit_score, reasons, fit,
        guarantee_id, guarantor_id, guarantee_coverage_ratio, guarantee_fee_rate, policy_ids)

-- Every rule of MatchRules as a comparison with the applicant's values (@lists: the valid lists the firm is on), and the
-- fit score of each product that passes.
-- Variants (Sql.WithOptionalLines): "ask" keeps the rules and fit parts of the loan asked for (amount, term, security,
-- rate); "bestOfEachBank" returns each bank's best product (the matching run), "everyProduct" the number of products
-- the firm passes and a page of them with their fit (GET /products?eligibleFor=me; without "ask": the firm's own rules
-- only); a page past the end is one row with the total and no product.
WITH applicable AS (
    SELECT p.id, p.institution_id, p.min_annual_rate, p.created_at,
        CASE WHEN listed.rate IS NULL THEN p.fit_price_points
            ELSE financematch.fit_points(40, financematch.fit_clamp(((12 - listed.rate) / 9)::double precision)) END
        + financematch.fit_points(20, bit_count((p.guarantee_mask & @guarantee_mask::integer)::bit(32))::double precision -- only: ask
            / @guarantee_count::integer) -- only: ask
        + financematch.fit_points(20, CASE WHEN margins.counted = 0 THEN 0.5 ELSE margins.total / margins.counted END)
        + financematch.fit_points(10, financematch.fit_centrality(@log_amount::double precision, -- only: ask
            p.log_min_amount, p.log_max_amount)) -- only: ask
        + financematch.fit_points(10, financematch.fit_centrality(@term_months::integer, p.min_term_months, p.max_term_months)) -- only: ask
        AS fit
    FROM financematch.products p
    -- The list discount (ListTerms): the rate a firm on one of the product's discount lists is offered, else null.
    CROSS JOIN LATERAL (SELECT CASE WHEN p.list_rate_discount IS NOT NULL AND p.discount_lists && @lists::uuid[]
        THEN p.min_annual_rate - p.list_rate_discount END AS rate) AS listed
    CROSS JOIN LATERAL (SELECT
        coalesce(financematch.fit_clamp((array_position(@grades::text[], p.min_grade) - @grade_position::integer) / 3.0::double precision), 0)
        + CASE WHEN p.min_score > 0 AND @score::integer IS NOT NULL THEN financematch.fit_ratio(@score::integer, p.min_score) ELSE 0 END
        + CASE WHEN p.min_years_in_operation > 0 THEN financematch.fit_ratio(@years_in_operation::double precision, p.min_years_in_operation) ELSE 0 END
        + CASE WHEN p.min_annual_tax_paid > 0 THEN financematch.fit_ratio(@tax_paid_double::double precision, p.min_annual_tax_paid_as_double) ELSE 0 END
        + CASE WHEN p.min_insured_employees > 0 AND @insured_employees::integer IS NOT NULL
            THEN financematch.fit_ratio(@insured_employees::integer, p.min_insured_employees) ELSE 0 END AS total,
        (CASE WHEN p.min_grade IS NOT NULL AND @grade_position::integer IS NOT NULL THEN 1 ELSE 0 END
        + CASE WHEN p.min_score > 0 AND @score::integer IS NOT NULL THEN 1 ELSE 0 END
        + CASE WHEN p.min_years_in_operation > 0 THEN 1 ELSE 0 END
        + CASE WHEN p.min_annual_tax_paid > 0 THEN 1 ELSE 0 END
        + CASE WHEN p.min_insured_employees > 0 AND @insured_employees::integer IS NOT NULL THEN 1 ELSE 0 END)::double precision AS counted
    ) AS margins
    WHERE p.status = 'Published'
      AND p.min_amount <= @amount::numeric AND p.max_amount >= @amount::numeric -- only: ask
      AND p.min_term_months <= @term_months::integer AND p.max_term_months >= @term_months::integer -- only: ask
      AND p.guarantee_mask & @guarantee_mask::integer <> 0 -- only: ask
      AND (@max_annual_rate::numeric IS NULL OR coalesce(listed.rate, p.min_annual_rate) <= @max_annual_rate::numeric) -- only: ask
      AND (cardinality(p.eligible_lists) = 0 OR p.eligible_lists && @lists::uuid[])
      AND (cardinality(p.division_prefixes) = 0 OR p.division_prefixes && @division_prefixes::text[])
      AND (cardinality(p.industry_include) = 0 OR p.industry_include && @industry_prefixes::text[])
      AND NOT p.industry_exclude && @industry_prefixes::text[]
      AND (p.min_grade IS NULL OR array_position(@grades::text[], p.min_grade) >= @grade_position::integer)
      AND (p.min_score IS NULL OR p.min_score <= @score::integer)
      AND (p.min_years_in_operation IS NULL OR p.min_years_in_operation <= @years_in_operation::double precision)
      AND (p.min_annual_tax_paid IS NULL OR p.min_annual_tax_paid <= @tax_paid::numeric)
      AND (p.min_insured_employees IS NULL OR p.min_insured_employees <= @insured_employees::integer)
      AND (NOT p.exclude_dishonest_debtors OR NOT @dishonest_debtor::boolean)
      AND (p.exclude_serious_penalties_months IS NULL OR p.exclude_serious_penalties_months <= @penalty_months_passed::integer))
, best AS ( -- only: bestOfEachBank
    SELECT DISTINCT ON (institution_id) id FROM applicable -- only: bestOfEachBank
    ORDER BY institution_id, fit DESC, min_annual_rate, created_at, id) -- only: bestOfEachBank
SELECT p.*, p.xmin FROM financematch.products p JOIN best ON best.id = p.id -- only: bestOfEachBank
SELECT t.total, page.id, page.fit FROM (SELECT count(*) AS total FROM applicable) t -- only: everyProduct
LEFT JOIN LATERAL (SELECT a.id, a.fit FROM applicable a -- only: everyProduct
    ORDER BY a.fit DESC, a.min_annual_rate, a.created_at, a.id LIMIT @limit::integer OFFSET @offset::integer) page ON true -- only: everyProduct

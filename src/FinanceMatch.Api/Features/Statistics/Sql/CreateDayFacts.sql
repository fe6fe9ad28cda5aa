-- The facts of the days being refreshed, in a temporary table dropped with the transaction.
CREATE TEMPORARY TABLE stats_day_facts (
    day date NOT NULL, request_id uuid NOT NULL, amount numeric NOT NULL, division_code text NOT NULL, industry_code text NOT NULL,
    grade_when_posted text, match_id uuid, institution_id uuid, product_id uuid, product_name text, status text,
    approved_at timestamptz, approved_amount numeric, disbursed_amount numeric, response_tenths integer
) ON COMMIT DROP

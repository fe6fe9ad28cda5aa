-- Each verified firm's metrics for the scoring model: whole calendar months before the current one ($1 the current
-- month's first day, $2/$3/$4 six, twelve and 24 months before it), penalties decided since $5 (36 months back) that
-- still count on $7 (today: publicised until the later of the severity's months, $8 minor/general/serious, and the
-- department's date; not revoked, not repaired), loans of the platform that defaulted since $6 (60 months back).
-- The market regulator's registration record replaces the firm's typed establishment date and capital.
-- The line marked "only: someFirms" is kept for a targeted rebuild ($9 the firms' USCCs) and dropped for the full one:
-- one text each, so each keeps its own plan. USCC columns are char(18): the text[] parameter is cast to the column's
-- type, or the comparison casts every row's USCC to text and cannot use the index (2.8 s for 2,000 of 100,000 firms,
-- against 0.11 s with the cast). A month's latest value is max(ARRAY[day number, value])[2], not an array_agg ordered
-- by period: an ordered (or DISTINCT) aggregate rules out hash aggregation, and the sorted plans it forces read every
-- partition through its index (1.5× slower over 20,000 firms' 24 months).
WITH firms AS (
    SELECT e.id AS enterprise_id, e.uscc, coalesce(reg.established_on, e.established_on) AS established_on,
        coalesce(reg.registered_capital, e.registered_capital) AS registered_capital, reg.status AS registration_status
    FROM financematch.enterprises e
    LEFT JOIN financematch.registration_records reg ON reg.uscc = e.uscc AND reg.entry_id = ''
    WHERE e.verification = 'Verified'
        AND e.uscc = ANY($9::bpchar[]) -- only: someFirms
), tax AS (
    SELECT t.uscc, count(*) AS months,
        sum(t.tax_paid) FILTER (WHERE t.period >= $3) AS paid12,
        sum(t.taxable_revenue) FILTER (WHERE t.period >= $3) AS revenue12,
        sum(t.taxable_revenue) FILTER (WHERE t.period >= $2) AS revenue_last6,
        sum(t.taxable_revenue) FILTER (WHERE t.period >= $3 AND t.period < $2) AS revenue_prev6,
        (max(ARRAY[(t.period - DATE '2000-01-01')::numeric, t.arrears]))[2] AS arrears,
        (max(ARRAY[to_char(t.period, 'YYYYMMDD'), t.tax_credit_rating]) FILTER (WHERE t.tax_credit_rating IS NOT NULL))[2] AS rating
    FROM financematch.tax_records t JOIN firms f ON f.uscc = t.uscc
    WHERE t.period >= $4 AND t.period < $1
    GROUP BY t.uscc
), ss AS (
    SELECT s.uscc, count(*) AS months, max(s.period) AS latest_period,
        (max(ARRAY[s.period - DATE '2000-01-01', s.insured_employees]))[2] AS employees,
        (max(ARRAY[(s.period - DATE '2000-01-01')::numeric, s.arrears]))[2] AS arrears
    FROM financematch.social_security_records s JOIN firms f ON f.uscc = s.uscc
    WHERE s.period >= $4 AND s.period < $1
    GROUP BY s.uscc
), ss6 AS (
    -- Insured employees six months before the latest month: a join bounded by period, so that the partitions it reads
    -- are chosen when the query is planned (a join on the firm alone read every partition of every month).
    SELECT s.uscc, s.insured_employees
    FROM financematch.social_security_records s JOIN ss ON ss.uscc = s.uscc AND s.period = (ss.latest_period - interval '6 months')::date
    WHERE s.period >= ($4 - interval '6 months')::date AND s.period < $1
), hf AS (
    SELECT h.uscc, count(*) AS months,
        (max(ARRAY[h.period - DATE '2000-01-01', h.contributing_employees]))[2] AS contributors,
        (max(ARRAY[(h.period - DATE '2000-01-01')::numeric, h.arrears]))[2] AS arrears
    FROM financematch.housing_fund_records h JOIN firms f ON f.uscc = h.uscc
    WHERE h.period >= $4 AND h.period < $1
    GROUP BY h.uscc
), util_months AS (
    SELECT u.uscc, u.period, sum(u.consumption) FILTER (WHERE u.kind = 'electricity') AS electricity,
        sum(u.amount_overdue) AS overdue
    FROM financematch.utility_records u JOIN firms f ON f.uscc = u.uscc
    WHERE u.period >= $4 AND u.period < $1
    GROUP BY u.uscc, u.period
), util AS (
    -- What the firm owed on its latest month's bills comes with the months (a join back to the latest month, or a
    -- subquery a firm, read the partitions again).
    SELECT m.uscc, count(*) AS months,
        sum(m.electricity) FILTER (WHERE m.period >= $2) AS electricity_last6,
        sum(m.electricity) FILTER (WHERE m.period >= $3 AND m.period < $2) AS electricity_prev6,
        (max(ARRAY[(m.period - DATE '2000-01-01')::numeric, m.overdue]))[2] AS overdue
    FROM util_months m
    GROUP BY m.uscc
), penalties AS (
    SELECT p.uscc,
        count(*) FILTER (WHERE p.severity = 'minor') AS minor,
        count(*) FILTER (WHERE p.severity = 'general') AS general,
        count(*) FILTER (WHERE p.severity = 'serious') AS serious
    FROM financematch.penalty_records p JOIN firms f ON f.uscc = p.uscc
    WHERE p.decided_on >= $5 AND p.revoked_on IS NULL AND p.repaired_on IS NULL
        AND greatest(p.publicity_ends_on, (p.decided_on + make_interval(months => ($8::int[])[CASE p.severity WHEN 'minor' THEN 1 WHEN 'general' THEN 2 ELSE 3 END]))::date) > $7
    GROUP BY p.uscc
), defaults AS (
    SELECT l.enterprise_id, count(*) AS defaulted
    FROM financematch.loans l JOIN firms f ON f.enterprise_id = l.enterprise_id
    WHERE l.defaulted_on >= $6
    GROUP BY l.enterprise_id
), judicial AS (
    SELECT j.uscc,
        count(*) FILTER (WHERE j.kind = 'enforcement') AS enforcement,
        count(*) FILTER (WHERE j.kind = 'dishonestDebtor') AS dishonest
    FROM financematch.judicial_records j JOIN firms f ON f.uscc = j.uscc
    -- an open case stops counting five years after it was filed (征信业管理条例 art. 16): $5 is 36 months back
    WHERE j.closed_on IS NULL AND j.filed_on >= ($5 - interval '24 months')::date
    GROUP BY j.uscc
), ip AS (
    SELECT i.uscc, sum(CASE i.kind WHEN 'invention' THEN 3 WHEN 'trademark' THEN 0.5 ELSE 1 END) AS weight
    FROM financematch.intellectual_property_records i JOIN firms f ON f.uscc = i.uscc
    WHERE i.status = 'valid'
    GROUP BY i.uscc
), honours AS (
    SELECT h.uscc,
        coalesce(sum(CASE h.level WHEN 'national' THEN 4 WHEN 'provincial' THEN 3 WHEN 'municipal' THEN 2 ELSE 1 END)
            FILTER (WHERE h.kind <> 'aLevelTaxpayer'), 0) AS points,
        bool_or(h.kind = 'aLevelTaxpayer') AS a_level
    FROM financematch.honour_records h JOIN firms f ON f.uscc = h.uscc
    WHERE h.valid_until IS NULL OR h.valid_until >= $7
    GROUP BY h.uscc
), seizures AS (
    SELECT r.uscc, count(*) AS open
    FROM financematch.real_estate_records r JOIN firms f ON f.uscc = r.uscc
    WHERE r.kind = 'seizure' AND r.released_on IS NULL
    GROUP BY r.uscc
), listings AS (
    SELECT r.uscc,
        count(*) FILTER (WHERE r.record = 'abnormalOperation') AS abnormal,
        count(*) FILTER (WHERE r.record = 'seriousViolation') AS serious
    FROM financematch.registration_records r JOIN firms f ON f.uscc = r.uscc
    WHERE r.entry_id <> '' AND (r.removed_on IS NULL OR r.removed_on > $7)
    GROUP BY r.uscc
)
SELECT f.enterprise_id, f.uscc, f.established_on, f.registered_capital,
    coalesce(tax.months, 0), tax.paid12, tax.revenue12, tax.revenue_last6, tax.revenue_prev6, coalesce(tax.arrears, 0),
    coalesce(ss.months, 0), ss.employees, ss6.insured_employees, coalesce(ss.arrears, 0),
    coalesce(util.months, 0), util.electricity_last6, util.electricity_prev6,
    coalesce(util.overdue, 0),
    coalesce(penalties.minor, 0), coalesce(penalties.general, 0), coalesce(penalties.serious, 0),
    coalesce(judicial.enforcement, 0), coalesce(judicial.dishonest, 0), coalesce(defaults.defaulted, 0),
    coalesce(hf.months, 0), hf.contributors, coalesce(hf.arrears, 0), coalesce(ip.weight, 0), coalesce(honours.points, 0),
    coalesce(honours.a_level, false) OR coalesce(tax.rating = 'A', false), tax.rating, coalesce(seizures.open, 0), f.registration_status,
    coalesce(listings.abnormal, 0), coalesce(listings.serious, 0)
FROM firms f
LEFT JOIN tax ON tax.uscc = f.uscc
LEFT JOIN ss ON ss.uscc = f.uscc
LEFT JOIN ss6 ON ss6.uscc = f.uscc
LEFT JOIN hf ON hf.uscc = f.uscc
LEFT JOIN util ON util.uscc = f.uscc
LEFT JOIN penalties ON penalties.uscc = f.uscc
LEFT JOIN judicial ON judicial.uscc = f.uscc
LEFT JOIN defaults ON defaults.enterprise_id = f.enterprise_id
LEFT JOIN ip ON ip.uscc = f.uscc
LEFT JOIN honours ON honours.uscc = f.uscc
LEFT JOIN seizures ON seizures.uscc = f.uscc
LEFT JOIN listings ON listings.uscc = f.uscc

-- The alerts a rebuild raises, one per cause and following bank: each compares the rebuilt profile in the staging
-- table {{staging}} with the stored one (so a re-run on unchanged data raises nothing). $1 now, $2 the grade ladder best
-- first, $3 the notches of a downgrade, $4 the employee-decline ratio (Core's AlertRules).
-- The causes are found first (changed, materialised), the following banks then looked up for those firms alone: planned as
-- one join, PostgreSQL looked up every rebuilt firm's followers before it knew whether anything had changed (84 s for
-- 1,000,000 firms, past the statement timeout, so no full pass over existing profiles completed). The staging table's
-- USCC is text: cast to the stored column's character(18), the profiles' key serves a step of a few thousand firms.
WITH changed AS MATERIALIZED (
    SELECT s.enterprise_id, cause.kind, cause.feeds, cause.detail
    FROM {{staging}} s
    JOIN financematch.credit_profiles p ON p.uscc = s.uscc::character(18)
    CROSS JOIN LATERAL (VALUES
    ('GradeDowngrade', NULL::text[], CASE WHEN p.grade IS NOT NULL AND s.grade IS NOT NULL
        AND array_position($2::text[], s.grade) - array_position($2::text[], p.grade) >= $3
        THEN 'The grade fell two or more notches.' END),
    ('DishonestDebtor', ARRAY['Judicial'], CASE WHEN s.dishonest_debtor AND NOT p.dishonest_debtor
        THEN 'A new open dishonest-debtor record.' END),
    ('SeriousPenalty', ARRAY['Penalty'], CASE WHEN (s.metrics ->> 'seriousPenaltiesLast36Months')::int > coalesce((p.metrics ->> 'seriousPenaltiesLast36Months')::int, 0)
        THEN 'A new serious administrative penalty.' END),
    ('NewArrears', ARRAY['Tax', 'SocialSecurity', 'Utility'], CASE WHEN (s.tax_arrears AND NOT p.tax_arrears) OR (s.social_security_arrears AND NOT p.social_security_arrears)
            OR (s.utility_overdue AND NOT p.utility_overdue)
        THEN concat_ws(', ', CASE WHEN s.tax_arrears AND NOT p.tax_arrears THEN 'tax arrears' END,
            CASE WHEN s.social_security_arrears AND NOT p.social_security_arrears THEN 'social-security arrears' END,
            CASE WHEN s.utility_overdue AND NOT p.utility_overdue THEN 'overdue utility bills' END) || ' appeared.' END),
    ('RegistrationAbnormal', ARRAY['Registration'], CASE WHEN coalesce((s.metrics ->> 'registrationWarnings')::int, 0) > coalesce((p.metrics ->> 'registrationWarnings')::int, 0)
        THEN 'The market regulator reports the firm abnormal, revoked or deregistered, or listed it for abnormal operation or serious violations.' END),
    ('EmployeesDecline', ARRAY['SocialSecurity'], CASE WHEN (s.metrics ->> 'insuredEmployeesTrend')::float8 <= $4
            AND coalesce((p.metrics ->> 'insuredEmployeesTrend')::float8, 1) > $4
        THEN 'Insured employees fell 30% or more over six months.' END)
) AS cause(kind, feeds, detail)
    WHERE cause.detail IS NOT NULL
)
INSERT INTO financematch.alerts (id, institution_id, enterprise_id, kind, detail, raised_at)
SELECT gen_random_uuid(), followers.institution_id, ch.enterprise_id, ch.kind,
    ch.detail || CASE WHEN EXISTS (SELECT 1 FROM financematch.objections o WHERE o.enterprise_id = ch.enterprise_id AND o.status = 'Open'
            AND (ch.feeds IS NULL OR o.feed_type = ANY (ch.feeds)))
        THEN ' The firm disputes a record this rests on (an objection is open).' ELSE '' END, $1
FROM changed ch
JOIN LATERAL (
    SELECT c.institution_id FROM financematch.consents c
    WHERE c.enterprise_id = ch.enterprise_id AND c.institution_id IS NOT NULL AND c.purpose = 'PostLoanMonitoring'
        AND c.status = 'Active' AND c.expires_at > $1
    UNION
    SELECT m.institution_id FROM financematch.matches m
    WHERE m.enterprise_id = ch.enterprise_id AND m.status = 'Disbursed'
) followers ON true
RETURNING id

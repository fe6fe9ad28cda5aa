-- benchmarks/scale/generate.sql — a province-scale FinanceMatch world, generated in SQL from a seed (issue 21).
--
-- WHAT IT BUILDS (schema financematch of a freshly migrated, otherwise empty database)
--   * 21 cities of one province (Guangdong's prefecture-level cities: GB/T 2260 codes 44xx, real district codes), and
--     84 departments that own the feed records: per city a tax bureau (Tax), a social insurance bureau
--     (SocialSecurity), a power supply bureau and a water company (both Utility), each with a credential.
--   * :firms registered, verified enterprises (default 1,000,000) with valid USCCs (GB 32100 check character, unique by
--     construction), a real division and GB/T 4754 industry code, and an enterprise credential each (as registration
--     makes one). Firm sizes are log-normal (median turnover ~250,000 yuan a month, a long tail), with growth, a latent
--     credit quality, a few "troubled" firms in arrears.
--   * :months (default 24) whole calendar months before the current one of tax, social security, electricity and water
--     records: exactly 4 rows per firm and month (96,000,000 at 1M firms), each from its city's department and in that
--     department's monthly batch (feed_batches: one completed CSV batch per department and month).
--   * :banks (default and at most 100) institutions of kind Bank — state, policy, joint-stock, city, digital, foreign,
--     rural commercial and village banks; the local ones lend only in their home city — each with a credential, and
--     :products (default 10,000) published products (version 1, full terms in product_versions), spread by bank size,
--     in 12 product families with realistic amount, term, rate, security and eligibility terms.
--   * :matches (default 10,000,000) matches over the last :months months with their loan requests and each request's
--     consent, made as the matching engine makes them: the request's amount, term and securities fit the product, the
--     firm's city, industry and grade pass its rules, one product each of up to :max_matches banks (default 20, the
--     engine's MaxMatchesPerRequest; fewer when fewer banks have a product for the ask, none: NoMatch), one product for
--     the requests made to one product, ranked by the fit score (the same parts as MatchRules.Fit: price, guarantee,
--     eligibility margin, amount, term) with the reasons JSON. With 100 products a bank nearly every bank has one for
--     any ask, so most requests get 20 matches (about 540,000 requests for 10M matches); a smaller -v max_matches makes
--     more, smaller requests. The firm's grade on the request (grade_when_posted, also the loans' grade) is drawn from
--     its latent quality (C 7%, B 11%, BB 38% — small firms are BB at most —, BBB 21%, A 14%, AA 7%, AAA 2% of requests);
--     the scoring model, run on these feeds, grades most firms A or AA (no penalties or court records are generated).
--     Every match then lives the lifecycle Core allows up to :asof: pending → expired (72 h without answer) | declined |
--     under review → declined | approved; the firm accepts at most one approved offer (every other open match of the
--     request is withdrawn then), the bank disburses it; or the firm cancels (open matches withdrawn). Requests are
--     Matched, NoMatch, OfferAccepted, Fulfilled or Cancelled accordingly; request volume grows over the window, on
--     working days and hours.
--   * a loan for every disbursed match (repaying, settled, overdue, defaulted, written off, recovered by age, term and
--     grade; first loans marked), its latest monthly report in loan_performance, and for most running loans the firm's
--     post-loan-monitoring consent naming the bank (renewed yearly, so in force now).
--   * stats_stale_days for every day with requests, so the statistics refresh rolls everything up.
--   Not generated: credit profiles and their history (run the profile rebuild, POST /api/v1/profiles/recompute — its
--   output is what the scoring model makes of these feeds), penalties and the other feeds, guarantees, lists, policies,
--   webhooks, report accesses, security events, referrals and demand-hall matches.
--
-- HOW TO RUN
--   createdb scale_x; start the API once against it with Database__MigrateOnStartup=true (that migrates it), stop it;
--   psql -X -v ON_ERROR_STOP=1 -d scale_x -f benchmarks/scale/generate.sql \
--        -v firms=1000000 -v seed=42 -v months=24 -v products=10000 -v matches=10000000 \
--        [-v banks=100] [-v max_matches=20] [-v vacuum=1] [-v asof='2026-12-02 09:00:00+00']
--   Every variable is optional (the defaults above). As superuser (the benchmarks connect as postgres) the load runs
--   with session_replication_role = replica: no foreign-key or statistics triggers fire while loading; every foreign key
--   of the loaded tables is checked at the end instead, and stats_stale_days is written as the triggers would have.
--   The non-primary-key indexes of the big tables are dropped first and recreated at the end from their own catalog
--   definitions (the migration's, names included; unique ones are thereby checked). Primary keys stay. The feed tables
--   are filled with plain INSERTs, one month at a time, so monthly range partitions (and a DEFAULT one) work unchanged.
--   Server settings that matter for the 96M-row load: max_wal_size = 8GB and checkpoint_timeout = 30min (fewer
--   checkpoints, far fewer full-page writes); the session sets synchronous_commit = off, work_mem, maintenance_work_mem,
--   temp_buffers (the generator's own tables are temporary) and jit = off. -v vacuum=0 ends with ANALYZE instead of
--   VACUUM ANALYZE. benchmarks/scale/check.sql then checks the result (every rule it lists must have 0 violations).
--   Sizes and times at 1M firms: about 50 minutes on a 2-core VM shared with other work
--   (firms 1 min, feeds 19 min — 96M rows at ~85,000 a second —, matches 19 min, indexes 6 min, the rest 5 min); a 30 GB
--   database (matches 12 GB, utility_records 9.0 GB, tax_records 4.1 GB, social_security_records 3.8 GB, the rest under
--   1.3 GB), up to ~44 GB of disk at the peak of the load (WAL, index builds). 20,000 firms and 200,000 matches: ~1 min.
--
-- REPRODUCIBILITY
--   Every value is a function of (seed, entity number[, month, match index]) through hashint8extended — never of scan
--   order or random(): the same seed, sizes and :asof give the same database (ids included: UUIDv7 whose time part is
--   the row's own timestamp and whose random part is hashed). :asof (default: now, to the second) is "today": the feeds
--   end the month before it, the requests and matches end at it. Generate just before benchmarking (or pass a fixed
--   :asof in the current month), since the API's profile rebuild and expiry jobs use the real clock.
--
-- DISTRIBUTIONS (the main ones; the code says the rest)
--   Firms: cities by their share of the province's firms (Shenzhen 30%, Guangzhou 22%, Dongguan 10%, Foshan 8% …), a
--   district of the city at random; 40 industry divisions by SME shares (trade ~30%, manufacturing ~28%, services …);
--   established over 2 years ago (2 years plus an exponential of mean 7, at most 40); 60% registered in the
--   platform's first two months, the rest evenly since; verified by business licence (65%, minutes) or operator review
--   (hours). Turnover
--   log-normal (sigma 1.2) by industry class, monthly growth ~N(0.3%, 1.2%), seasonality (February dip, December peak),
--   noise 10%; tax at 1–6% of turnover by industry (none in small VAT-exempt months); staff ~ turnover / 45,000 yuan,
--   55–100% insured at 1,050–1,800 yuan a head; electricity per yuan of turnover by industry with a summer peak; water
--   per head. 6% of firms are in arrears on tax, contributions and bills for their last 1–6 months; 0.2–0.8% one-offs.
--   Requests: 42% of firms ever ask; a request picks a firm already verified, long-standing members more often;
--   volume rises over the window (the last month about twice the first), 92% on working days, 80% in office hours;
--   13 round amounts around 12% of the firm's yearly turnover, terms 6–60 months and securities by amount; 15% cap the
--   rate, 5% are made to one product. Matches: the bank never answers (25% → expired after 72 h), declines at once,
--   reviews then declines, or approves (1–13% by grade); answers after ~14 h (log-normal, < 72 h), decisions ~2.5 days
--   later; the firm accepts the first approved offer in 80% of cases (~1.5 days later), the bank pays out ~4 days
--   later (1% never); a firm with offers it did not take cancels in 75% of cases, one without offers in 4%.
--   Loans: defaults by grade (0.8–10%, growing with age over the first year), 2.5% overdue now, early settlements,
--   settled at term; the bank's latest monthly report.
--
-- WHAT BENCHMARKS NEED TO KNOW
--   * Firm n (1..:firms): credentials.client_id = 'ent_scale_' || n, role 'Enterprise', subject_id = enterprises.id.
--     Bank b (1..:banks): institutions.code = 'SCALE-B' || lpad(b, 3, '0'), client id 'bank_scale_' || lpad(b, 3, '0').
--     Department: code 'SCALE-{TAX|SS|POWER|WATER}-' || city code (4 digits, e.g. 4406), client id 'dept_' || lower(code)
--     with '-' → '_' (dept_scale_tax_4406).
--     Every generated secret is 'scale-' || seed || '-' || client_id (hashed as the API hashes generated secrets:
--     'sha256:' || hex(sha256(secret))). Benchmark data only: anyone who knows the seed can sign in as anybody.
--   * Firms with a consent a bank can read reports under now: consents with institution_id set, purpose
--     PostLoanMonitoring, status Active, expires_at > now() (the bank is consents.institution_id); or requests' consents
--     (loan_request_id set) whose request has a match of the bank in Pending/UnderReview/Approved/Accepted/Disbursed.
--   * Matching-engine inputs: published products (all generated products), enterprises (division, industry,
--     established_on) and credit_profiles — empty until the profile rebuild has run: run it before matching benchmarks.
--     No request is left in status 'Matching'.
--   * A few requests carry product_id (made to one product); none is referred, none in the demand hall.

\set ON_ERROR_STOP on
\set QUIET on
\if :{?firms}
\else
\set firms 1000000
\endif
\if :{?seed}
\else
\set seed 42
\endif
\if :{?months}
\else
\set months 24
\endif
\if :{?products}
\else
\set products 10000
\endif
\if :{?matches}
\else
\set matches 10000000
\endif
\if :{?banks}
\else
\set banks 100
\endif
\if :{?asof}
\else
\set asof ''
\endif
\if :{?max_matches}
\else
\set max_matches 20
\endif
\if :{?vacuum}
\else
\set vacuum 1
\endif
\pset tuples_only on
\pset format unaligned
\pset footer off

SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '256MB';
SET maintenance_work_mem = '2GB';
SET temp_buffers = '1GB';
SET max_parallel_maintenance_workers = 2;
-- JIT compiles the long expressions below for longer than they take to run
SET jit = off;
SET TIME ZONE 'UTC';

-- The parameters, checked, as psql variables (asof as a literal timestamp).
SELECT coalesce(nullif(:'asof', '')::timestamptz, date_trunc('second', now())) AS asof,
    (:firms)::int AS firms, (:seed)::bigint AS seed, (:months)::int AS months, (:products)::int AS products,
    (:matches)::bigint AS matches, (:banks)::int AS banks \gset
SELECT (date_trunc('month', :'asof'::timestamptz) - make_interval(months => :months + 2)) AS launch,
    (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser \gset
DO $$
BEGIN
    IF current_setting('server_version_num')::int < 130000 THEN
        RAISE EXCEPTION 'PostgreSQL 13 or later is needed';
    END IF;
    IF to_regclass('financematch.enterprises') IS NULL THEN
        RAISE EXCEPTION 'schema financematch is missing: migrate the database first (the API with Database__MigrateOnStartup=true)';
    END IF;
    IF EXISTS (SELECT 1 FROM financematch.enterprises) OR EXISTS (SELECT 1 FROM financematch.institutions)
        OR EXISTS (SELECT 1 FROM financematch.departments) OR EXISTS (SELECT 1 FROM financematch.tax_records) THEN
        RAISE EXCEPTION 'the database already holds firms, institutions, departments or feeds: generate into a fresh one';
    END IF;
END $$;
\if :superuser
SET session_replication_role = replica;
\endif
SELECT format('scale world: %s firms × %s months of feeds, %s banks, %s products, %s matches; seed %s, as of %s (%s)',
    :firms, :months, :banks, :products, :matches, :seed, :'asof',
    CASE WHEN :'superuser' THEN 'triggers off while loading, foreign keys checked at the end' ELSE 'not superuser: triggers on' END);
------------------------------------------------------------------------------------------------------------------------
-- Helpers (session-only, in pg_temp): hashes of (key, salt) folded with the seed; uniform and normal draws; UUIDv7.
------------------------------------------------------------------------------------------------------------------------
SELECT format($f$CREATE FUNCTION pg_temp.h(k bigint, salt integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT hashint8extended(k, %s::bigint * 1000003 + salt)'$f$, :seed) \gexec
-- uniform on (0, 1)
CREATE FUNCTION pg_temp.u(k bigint, salt integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ((pg_temp.h(k, salt) & 4503599627370495)::double precision + 0.5) / 4503599627370496.0 $$;
-- standard normal (Box–Muller on salts salt and salt + 1)
CREATE FUNCTION pg_temp.z(k bigint, salt integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT sqrt(-2 * ln(pg_temp.u(k, salt))) * cos(6.283185307179586 * pg_temp.u(k, salt + 1)) $$;
-- log-normal with the given median and sigma, clipped to [lo, hi]
CREATE FUNCTION pg_temp.lognormal(k bigint, salt integer, median double precision, sigma double precision,
    lo double precision, hi double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT least(hi, greatest(lo, median * exp(sigma * pg_temp.z(k, salt)))) $$;
-- A version 7 UUID as Guid.CreateVersion7 makes: the millisecond of ts, then hashed bits (variant 10).
CREATE FUNCTION pg_temp.uuid7(ts timestamptz, k bigint, salt integer) RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
        || lpad(to_hex(pg_temp.h(k, salt) & 4095), 3, '0') || to_hex(8 | ((pg_temp.h(k, salt) >> 12) & 3))
        || lpad(to_hex((pg_temp.h(k, salt) >> 14) & 4095), 3, '0')
        || lpad(to_hex(pg_temp.h(k, salt + 1) & 281474976710655), 12, '0'))::uuid $$;
-- A random (version 4 style) UUID from a hash, for ids the application draws at random (hall ids).
CREATE FUNCTION pg_temp.uuid4(k bigint, salt integer) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (lpad(to_hex(pg_temp.h(k, salt) & 281474976710655), 12, '0') || '4'
        || lpad(to_hex(pg_temp.h(k, salt + 1) & 4095), 3, '0') || to_hex(8 | ((pg_temp.h(k, salt + 1) >> 12) & 3))
        || lpad(to_hex(pg_temp.h(k, salt + 2) & 281474976710655), 15, '0'))::uuid $$;
-- The GB 32100 check character of a USCC's first 17 characters (Core/Common/Uscc.cs).
CREATE FUNCTION pg_temp.uscc_check(first17 text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT substr('0123456789ABCDEFGHJKLMNPQRTUWXY', ((31 - s % 31) % 31 + 1)::int, 1)
    FROM (SELECT sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, i, 1)) - 1)
            * (ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])[i]) AS s
          FROM generate_series(1, 17) i) x $$;
-- x (0 <= x < 31^len) in the USCC alphabet, len characters.
CREATE FUNCTION pg_temp.base31(x bigint, len integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT string_agg(substr('0123456789ABCDEFGHJKLMNPQRTUWXY', ((x / (31::numeric ^ (len - i))::bigint) % 31)::int + 1, 1), '' ORDER BY i)
    FROM generate_series(1, len) i $$;
-- 'sha256:' || hex(sha256(secret)), SecretHasher.HashGenerated; every generated secret is 'scale-<seed>-<client id>'.
SELECT format($f$CREATE FUNCTION pg_temp.secret_hash(client_id text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $b$ SELECT 'sha256:' || encode(sha256(convert_to('scale-%s-' || client_id, 'UTF8')), 'hex') $b$$f$, :seed) \gexec
-- Lower bounds of the cumulative shares of weights (for width_bucket: the bucket of u is the index picked).
CREATE FUNCTION pg_temp.lower_bounds(weights double precision[]) RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(coalesce(lo, 0) ORDER BY i) FROM (
        SELECT i, (sum(w) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) / sum(w) OVER () AS lo
        FROM unnest(weights) WITH ORDINALITY AS x (w, i)) y $$;

CREATE FUNCTION pg_temp.fail(message text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%', message; END $$;
SELECT pg_temp.fail('firms must be 100..10,000,000') WHERE :firms NOT BETWEEN 100 AND 10000000;
SELECT pg_temp.fail('banks must be 10..100') WHERE :banks NOT BETWEEN 10 AND 100;
SELECT pg_temp.fail('products must be at least banks') WHERE :products < :banks;
SELECT pg_temp.fail('months must be 3..60') WHERE :months NOT BETWEEN 3 AND 60;
SELECT pg_temp.fail('matches must be positive') WHERE :matches < 1;
SELECT pg_temp.fail('max_matches must be 1..31') WHERE :max_matches NOT BETWEEN 1 AND 31;

-- Progress: each step prints its start time and how long the one before it took; scale_log keeps them all.
CREATE TEMP TABLE scale_log (step int GENERATED ALWAYS AS IDENTITY, name text, started timestamptz, finished timestamptz);
CREATE FUNCTION pg_temp.step(name text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    t timestamptz := clock_timestamp();
    previous record;
BEGIN
    UPDATE pg_temp.scale_log SET finished = t WHERE finished IS NULL RETURNING * INTO previous;
    INSERT INTO pg_temp.scale_log (name, started) VALUES (name, t);
    RETURN format('[%s] %s%s', to_char(t, 'HH24:MI:SS'), name,
        CASE WHEN previous.step IS NULL THEN ''
            ELSE format('   (%s: %s s)', previous.name, round(extract(epoch FROM t - previous.started)::numeric, 1)) END);
END $$;

SELECT pg_temp.step('dropping the non-primary-key indexes of the tables loaded in bulk');
-- Each index that backs no constraint (primary keys and constraint indexes stay), with its own definition to recreate
-- it by at the end. A partitioned table's index is dropped (and recreated) on the parent: its partitions follow.
CREATE TEMP TABLE scale_dropped_index AS
SELECT i.indexrelid::regclass::text AS name, t.relname AS table_name,
    replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') AS definition
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace s ON s.oid = t.relnamespace
WHERE s.nspname = 'financematch'
    AND t.relname IN ('enterprises', 'credentials', 'consents', 'loan_requests', 'matches', 'loans', 'loan_performance',
        'tax_records', 'social_security_records', 'utility_records')
    AND NOT i.indisprimary
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM scale_dropped_index \gexec
SELECT format('  dropped %s indexes: %s', count(*), string_agg(name, ', ' ORDER BY name)) FROM scale_dropped_index;

SELECT pg_temp.step('reference data: cities, industries, banks, departments, feed batches');

------------------------------------------------------------------------------------------------------------------------
-- Reference data
------------------------------------------------------------------------------------------------------------------------
-- Cities: prefecture code, name, share of the province's firms, district codes (GB/T 2260).
CREATE TEMP TABLE scale_city (city int PRIMARY KEY, code4 text, name text, weight float8, districts text[]);
INSERT INTO scale_city VALUES
    (1, '4401', '广州', 22, ARRAY['440103','440104','440105','440106','440111','440112','440113','440114','440115','440117','440118']),
    (2, '4402', '韶关', 1, ARRAY['440203','440204','440205','440281']),
    (3, '4403', '深圳', 30, ARRAY['440303','440304','440305','440306','440307','440308','440309','440310','440311']),
    (4, '4404', '珠海', 2.5, ARRAY['440402','440403','440404']),
    (5, '4405', '汕头', 2.5, ARRAY['440507','440511','440512','440513','440514','440515']),
    (6, '4406', '佛山', 8, ARRAY['440604','440605','440606','440607','440608']),
    (7, '4407', '江门', 2.5, ARRAY['440703','440704','440705','440781','440783','440784','440785']),
    (8, '4408', '湛江', 2, ARRAY['440802','440803','440804','440811','440882']),
    (9, '4409', '茂名', 1.5, ARRAY['440902','440904','440981','440982','440983']),
    (10, '4412', '肇庆', 1.5, ARRAY['441202','441203','441204','441284']),
    (11, '4413', '惠州', 4, ARRAY['441302','441303','441322','441323']),
    (12, '4414', '梅州', 1, ARRAY['441402','441403','441481']),
    (13, '4415', '汕尾', 0.8, ARRAY['441502','441523','441581']),
    (14, '4416', '河源', 0.8, ARRAY['441602','441625']),
    (15, '4417', '阳江', 1, ARRAY['441702','441704','441781']),
    (16, '4418', '清远', 1.5, ARRAY['441802','441803','441881']),
    (17, '4419', '东莞', 10, ARRAY['441900']),
    (18, '4420', '中山', 3.5, ARRAY['442000']),
    (19, '4451', '潮州', 1, ARRAY['445102','445103','445122']),
    (20, '4452', '揭阳', 1.5, ARRAY['445202','445203','445281']),
    (21, '4453', '云浮', 0.7, ARRAY['445302','445303','445381']);

-- Industries (GB/T 4754-2017 divisions): share of SMEs, industry class for product rules
-- (1 manufacturing C, 2 technology I/M, 3 trade F, 4 real estate K, 5 agriculture A, 6 other), a word for names,
-- electricity per yuan of turnover (kWh) and water per employee (m³ a month).
CREATE TEMP TABLE scale_industry (ind int PRIMARY KEY, code text, weight float8, ic int, word text, kwh_per_yuan float8, water float8);
INSERT INTO scale_industry VALUES
    (1, 'F51', 16, 3, '贸易', 0.006, 2), (2, 'F52', 12, 3, '商贸', 0.012, 2.5),
    (3, 'C13', 1, 1, '食品', 0.09, 9), (4, 'C14', 1, 1, '食品制造', 0.08, 8), (5, 'C17', 1.5, 1, '纺织', 0.12, 12),
    (6, 'C18', 2, 1, '服装', 0.05, 4), (7, 'C19', 1, 1, '皮革制品', 0.05, 5), (8, 'C21', 1.5, 1, '家具', 0.06, 4),
    (9, 'C22', 1, 1, '纸制品', 0.14, 14), (10, 'C23', 1, 1, '印刷', 0.07, 4), (11, 'C26', 1, 1, '化工', 0.16, 15),
    (12, 'C29', 2, 1, '塑料制品', 0.13, 6), (13, 'C30', 1, 1, '建材', 0.18, 10), (14, 'C33', 2.5, 1, '五金制品', 0.1, 6),
    (15, 'C34', 2, 1, '机械设备', 0.07, 5), (16, 'C35', 2, 1, '专用设备', 0.07, 5), (17, 'C38', 3, 1, '电器', 0.06, 5),
    (18, 'C39', 3, 1, '电子科技', 0.06, 6),
    (19, 'L72', 7, 6, '商务服务', 0.01, 2), (20, 'L71', 1.5, 6, '租赁', 0.01, 2),
    (21, 'I65', 5, 2, '软件科技', 0.012, 2), (22, 'I64', 1.5, 2, '网络科技', 0.015, 2),
    (23, 'M75', 3, 2, '科技发展', 0.012, 2), (24, 'M74', 1.5, 2, '工程技术', 0.01, 2),
    (25, 'E48', 2, 6, '建设工程', 0.01, 3), (26, 'E50', 2.5, 6, '装饰工程', 0.008, 3),
    (27, 'G54', 2.5, 6, '运输', 0.01, 2), (28, 'G58', 1, 6, '物流', 0.012, 2), (29, 'G59', 1, 6, '仓储', 0.03, 2),
    (30, 'H61', 1, 6, '酒店管理', 0.04, 20), (31, 'H62', 3, 6, '餐饮管理', 0.05, 15), (32, 'K70', 2, 4, '置业', 0.004, 2),
    (33, 'O80', 1.5, 6, '家政服务', 0.01, 3), (34, 'O81', 1, 6, '维修服务', 0.02, 3),
    (35, 'A01', 0.7, 5, '农业发展', 0.03, 30), (36, 'A03', 0.3, 5, '养殖', 0.05, 40),
    (37, 'R88', 0.5, 6, '文化传播', 0.01, 2), (38, 'P83', 0.5, 6, '教育咨询', 0.01, 3), (39, 'Q84', 0.5, 6, '医疗管理', 0.03, 8),
    (40, 'N77', 0.5, 6, '环保科技', 0.03, 6);

-- Banks: the first :banks of these 100 (largest first). kind: S state, P policy, J joint-stock, C city, D digital,
-- X foreign, R rural commercial, V village. home: city number of a local bank (lends only there), 0 province-wide.
-- weight: its share of the products.
CREATE TEMP TABLE scale_bank (b int PRIMARY KEY, name text, kind text, home int, weight float8, id uuid, code text);
INSERT INTO scale_bank (b, name, kind, home, weight) VALUES
    (1, '中国工商银行广东省分行', 'S', 0, 300), (2, '中国建设银行广东省分行', 'S', 0, 300), (3, '中国农业银行广东省分行', 'S', 0, 300),
    (4, '中国银行广东省分行', 'S', 0, 300), (5, '交通银行广东省分行', 'S', 0, 250), (6, '中国邮政储蓄银行广东省分行', 'S', 0, 250),
    (7, '招商银行广州分行', 'J', 0, 180), (8, '广发银行', 'J', 0, 180), (9, '平安银行', 'J', 0, 180), (10, '中信银行广州分行', 'J', 0, 160),
    (11, '兴业银行广州分行', 'J', 0, 160), (12, '中国民生银行广州分行', 'J', 0, 150), (13, '中国光大银行广州分行', 'J', 0, 150),
    (14, '浦发银行广州分行', 'J', 0, 140), (15, '华夏银行广州分行', 'J', 0, 130), (16, '浙商银行广州分行', 'J', 0, 120),
    (17, '渤海银行广州分行', 'J', 0, 100), (18, '恒丰银行广州分行', 'J', 0, 90),
    (19, '广州银行', 'C', 0, 120), (20, '东莞银行', 'C', 0, 110), (21, '广州农村商业银行', 'R', 1, 110), (22, '深圳农村商业银行', 'R', 3, 110),
    (23, '东莞农村商业银行', 'R', 17, 110), (24, '深圳前海微众银行', 'D', 0, 60), (25, '广东华兴银行', 'C', 0, 90),
    (26, '广东南粤银行', 'C', 0, 80), (27, '珠海华润银行', 'C', 0, 80), (28, '广东顺德农村商业银行', 'R', 6, 80),
    (29, '广东南海农村商业银行', 'R', 6, 80), (30, '国家开发银行广东省分行', 'P', 0, 30), (31, '中国农业发展银行广东省分行', 'P', 0, 30),
    (32, '浙江网商银行', 'D', 0, 50), (33, '北京银行深圳分行', 'C', 3, 70), (34, '上海银行深圳分行', 'C', 3, 70),
    (35, '宁波银行深圳分行', 'C', 3, 70), (36, '江苏银行深圳分行', 'C', 3, 60), (37, '杭州银行深圳分行', 'C', 3, 60),
    (38, '宁波银行广州分行', 'C', 1, 60), (39, '广东中山农村商业银行', 'R', 18, 60), (40, '广东珠海农村商业银行', 'R', 4, 60),
    (41, '佛山农村商业银行', 'R', 6, 60), (42, '广东江门农村商业银行', 'R', 7, 60), (43, '惠州农村商业银行', 'R', 11, 60),
    (44, '汇丰银行(中国)广州分行', 'X', 1, 40), (45, '渣打银行(中国)深圳分行', 'X', 3, 40), (46, '东亚银行(中国)深圳分行', 'X', 3, 40),
    (47, '恒生银行(中国)深圳分行', 'X', 3, 35), (48, '花旗银行(中国)广州分行', 'X', 1, 35),
    (49, '广东三水农村商业银行', 'R', 6, 50), (50, '广东高明农村商业银行', 'R', 6, 50), (51, '广东新会农村商业银行', 'R', 7, 50),
    (52, '广东台山农村商业银行', 'R', 7, 45), (53, '广东开平农村商业银行', 'R', 7, 45), (54, '广东鹤山农村商业银行', 'R', 7, 45),
    (55, '广东恩平农村商业银行', 'R', 7, 40), (56, '广东惠阳农村商业银行', 'R', 11, 45), (57, '广东博罗农村商业银行', 'R', 11, 45),
    (58, '广东惠东农村商业银行', 'R', 11, 40), (59, '广东清远农村商业银行', 'R', 16, 50), (60, '广东英德农村商业银行', 'R', 16, 40),
    (61, '广东肇庆端州农村商业银行', 'R', 10, 50), (62, '广东四会农村商业银行', 'R', 10, 40), (63, '广东高要农村商业银行', 'R', 10, 40),
    (64, '广东汕头农村商业银行', 'R', 5, 50), (65, '广东潮阳农村商业银行', 'R', 5, 45), (66, '广东潮南农村商业银行', 'R', 5, 40),
    (67, '广东澄海农村商业银行', 'R', 5, 40), (68, '广东湛江农村商业银行', 'R', 8, 50), (69, '广东雷州农村商业银行', 'R', 8, 40),
    (70, '广东廉江农村商业银行', 'R', 8, 40), (71, '广东茂名农村商业银行', 'R', 9, 50), (72, '广东高州农村商业银行', 'R', 9, 40),
    (73, '广东化州农村商业银行', 'R', 9, 40), (74, '广东信宜农村商业银行', 'R', 9, 40), (75, '广东电白农村商业银行', 'R', 9, 40),
    (76, '广东梅县农村商业银行', 'R', 12, 45), (77, '广东兴宁农村商业银行', 'R', 12, 40), (78, '广东韶关农村商业银行', 'R', 2, 45),
    (79, '广东乐昌农村商业银行', 'R', 2, 35), (80, '广东曲江农村商业银行', 'R', 2, 35), (81, '广东阳江农村商业银行', 'R', 15, 45),
    (82, '广东阳春农村商业银行', 'R', 15, 35), (83, '广东河源农村商业银行', 'R', 14, 45), (84, '广东东源农村商业银行', 'R', 14, 35),
    (85, '广东汕尾农村商业银行', 'R', 13, 45), (86, '广东陆丰农村商业银行', 'R', 13, 35), (87, '广东潮州农村商业银行', 'R', 19, 45),
    (88, '广东饶平农村商业银行', 'R', 19, 35), (89, '广东揭阳农村商业银行', 'R', 20, 45), (90, '广东普宁农村商业银行', 'R', 20, 40),
    (91, '广东云浮农村商业银行', 'R', 21, 45), (92, '广东罗定农村商业银行', 'R', 21, 35),
    (93, '东莞长安村镇银行', 'V', 17, 25), (94, '中山小榄村镇银行', 'V', 18, 25), (95, '佛山高明顺银村镇银行', 'V', 6, 25),
    (96, '深圳福田银座村镇银行', 'V', 3, 25), (97, '深圳南山宝生村镇银行', 'V', 3, 25), (98, '广州花都稠州村镇银行', 'V', 1, 25),
    (99, '珠海横琴村镇银行', 'V', 4, 25), (100, '惠州仲恺东盈村镇银行', 'V', 11, 25);
DELETE FROM scale_bank WHERE b > :banks;
UPDATE scale_bank SET id = pg_temp.uuid7(:'launch'::timestamptz - make_interval(days => 60 - b / 4), b, 101),
    code = 'SCALE-B' || lpad(b::text, 3, '0');

INSERT INTO financematch.institutions (id, name, code, created_at, kind)
SELECT id, name, code, :'launch'::timestamptz - make_interval(days => 60 - b / 4), 'Bank' FROM scale_bank ORDER BY b;
INSERT INTO financematch.credentials (id, client_id, secret_hash, role, subject_id, created_at, version)
SELECT pg_temp.uuid7(:'launch'::timestamptz - make_interval(days => 60 - b / 4), b, 102), 'bank_scale_' || lpad(b::text, 3, '0'),
    pg_temp.secret_hash('bank_scale_' || lpad(b::text, 3, '0')), 'Bank', id,
    :'launch'::timestamptz - make_interval(days => 60 - b / 4), 1
FROM scale_bank ORDER BY b;

-- Departments: per city a tax bureau, a social insurance bureau, a power supply bureau and a water company.
-- kind 1 tax, 2 social security, 3 electricity, 4 water.
CREATE TEMP TABLE scale_department AS
SELECT c.city, k.kind, pg_temp.uuid7(:'launch'::timestamptz - interval '90 days' + make_interval(hours => c.city * 4 + k.kind), c.city * 10 + k.kind, 111) AS id,
    'SCALE-' || k.tag || '-' || c.code4 AS code, k.feed_type,
    CASE k.kind WHEN 1 THEN '国家税务总局' || c.name || '市税务局' WHEN 2 THEN c.name || '市社会保险基金管理局'
        WHEN 3 THEN '广东电网' || c.name || '供电局' ELSE c.name || '市供水有限公司' END AS name,
    :'launch'::timestamptz - interval '90 days' + make_interval(hours => c.city * 4 + k.kind) AS created_at
FROM scale_city c
CROSS JOIN (VALUES (1, 'TAX', 'Tax'), (2, 'SS', 'SocialSecurity'), (3, 'POWER', 'Utility'), (4, 'WATER', 'Utility')) k (kind, tag, feed_type);
INSERT INTO financematch.departments (id, name, code, feed_types, created_at)
SELECT id, name, code, ARRAY[feed_type], created_at FROM scale_department ORDER BY created_at;
INSERT INTO financematch.credentials (id, client_id, secret_hash, role, subject_id, created_at, version)
SELECT pg_temp.uuid7(created_at, city * 10 + kind, 112), 'dept_' || replace(lower(code), '-', '_'),
    pg_temp.secret_hash('dept_' || replace(lower(code), '-', '_')),
    'Department', id, created_at, 1
FROM scale_department ORDER BY created_at;

------------------------------------------------------------------------------------------------------------------------
-- Firms
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step(format('firms: %s enterprises with valid USCCs and their credentials', :firms));
-- Firm n's attributes. Kept (sorted by USCC, the feed tables' key order) for the feeds, requests and matches.
-- Salts 1xx/2xx: firm attributes.
CREATE TEMP TABLE scale_firm AS
WITH weights AS (
    SELECT (SELECT pg_temp.lower_bounds(array_agg(weight ORDER BY city)) FROM scale_city) AS city_lo,
        (SELECT pg_temp.lower_bounds(array_agg(weight ORDER BY ind)) FROM scale_industry) AS ind_lo,
        -- a multiplier of the firm number that is no multiple of 31, and an offset: n ↦ (n·a + b) mod 31^7 is one-to-one,
        -- so every firm's USCC body is different (n·a stays below 2^63 for up to 10 million firms)
        31 * (1 + abs(pg_temp.h(0, 901)) % 28000000000) + 1 + abs(pg_temp.h(0, 902)) % 30 AS a,
        abs(pg_temp.h(0, 903)) % 27512614111 AS b
), drawn AS (
    SELECT n, width_bucket(pg_temp.u(n, 201), w.city_lo) AS city, width_bucket(pg_temp.u(n, 202), w.ind_lo) AS ind,
        (n * w.a + w.b) % 27512614111 AS body_number, pg_temp.u(n, 203) AS q,
        :'asof'::date - (:months * 31 + 40 + least(40 * 365, floor(-ln(pg_temp.u(n, 204)) * 7 * 365.25))::int) AS established_on,
        -- 60% registered in the platform's first two months (before the request window), the rest since, evenly
        CASE WHEN pg_temp.u(n, 205) < 0.6 THEN :'launch'::timestamptz + interval '2 months' * (pg_temp.u(n, 205) / 0.6)
            ELSE :'launch'::timestamptz + interval '2 months' + (:'asof'::timestamptz - interval '10 days' - :'launch'::timestamptz
                - interval '2 months') * ((pg_temp.u(n, 205) - 0.6) / 0.4) END AS registered_at
    FROM generate_series(1, :firms) n, weights w
), shaped AS (
    SELECT d.*, c.code4, c.name AS city_name, i.code AS industry_code, i.ic, i.word,
        c.districts[1 + abs(pg_temp.h(n, 206)) % cardinality(c.districts)] AS division_code,
        -- monthly turnover (yuan): log-normal, by industry class
        pg_temp.lognormal(n, 207, 250000 * (ARRAY[1.3, 0.8, 1.6, 1.2, 0.8, 0.7])[i.ic], 1.2, 5000, 60000000) AS rev,
        least(0.05, greatest(-0.04, 0.003 + 0.012 * pg_temp.z(n, 209))) AS growth,
        CASE i.ic WHEN 3 THEN 0.010 + 0.015 * pg_temp.u(n, 211) WHEN 1 THEN 0.020 + 0.025 * pg_temp.u(n, 211)
            ELSE 0.030 + 0.030 * pg_temp.u(n, 211) END AS tax_rate,
        i.kwh_per_yuan * exp(0.3 * pg_temp.z(n, 212)) AS kwh_per_yuan, 0.62 + 0.2 * pg_temp.u(n, 214) AS kwh_price,
        i.water * exp(0.3 * pg_temp.z(n, 215)) AS water_per_employee, 3.8 + 1.2 * pg_temp.u(n, 217) AS water_price,
        0.55 + 0.45 * pg_temp.u(n, 218) AS insured_share, 1050 + 750 * pg_temp.u(n, 219) AS contribution_per_employee
    FROM drawn d JOIN scale_city c ON c.city = d.city JOIN scale_industry i ON i.ind = d.ind
), sized AS (
    SELECT s.*, greatest(1, least(3000, round(pg_temp.lognormal(n, 220, s.rev / 45000, 0.45, 0.5, 3000))))::int AS employees,
        s.rev < 100000 AND pg_temp.u(n, 222) < 0.6 AS vat_exempt,
        s.rev * 12 * s.tax_rate AS tax12,
        (ARRAY['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'C'])[width_bucket(1 - s.q, ARRAY[0, 0.03, 0.12, 0.32, 0.62, 0.82, 0.93])] AS raw_grade
    FROM shaped s
)
SELECT n, city, code4, city_name, division_code, industry_code, ic, word, established_on,
    (ARRAY[100000, 300000, 500000, 1000000, 2000000, 3000000, 5000000, 10000000, 20000000, 50000000])[
        width_bucket(ln(rev * 12 * 0.3 * exp(0.8 * pg_temp.z(n, 223))),
            ARRAY[0, 12.2, 12.9, 13.5, 14.2, 14.7, 15.2, 15.8, 16.5, 17.3])]::numeric AS registered_capital,
    employees, registered_at,
    CASE WHEN pg_temp.u(n, 225) < 0.65 THEN 'BusinessLicence' ELSE 'OperatorReview' END AS method,
    rev, growth, tax_rate, vat_exempt, kwh_per_yuan, kwh_price, water_per_employee, water_price, insured_share,
    contribution_per_employee, q,
    -- the grade the firm's profile will roughly get (requests record it; products gate on it): a firm paying under
    -- 20,000 yuan of tax a year or insuring under 3 staff is BB at best
    CASE WHEN (tax12 < 20000 OR vat_exempt OR employees < 3) AND raw_grade IN ('AAA', 'AA', 'A', 'BBB') THEN 'BB' ELSE raw_grade END AS grade,
    -- the tax service's credit rating (A/B/M/C/D) for 70% of firms
    CASE WHEN pg_temp.u(n, 226) < 0.7 THEN (ARRAY['A', 'B', 'M', 'C', 'D'])[width_bucket(1 - q, ARRAY[0, 0.25, 0.7, 0.88, 0.95])] END AS tax_rating,
    -- a troubled firm owes tax, contributions and bills for its last 1–6 months
    CASE WHEN q < 0.06 THEN 1 + abs(pg_temp.h(n, 227)) % 6 ELSE 0 END AS troubled_months,
    pg_temp.u(n, 228) < 0.42 AS borrower,
    (CASE WHEN established_on >= date '2015-10-01' THEN 'MA' ELSE lpad((10 + abs(pg_temp.h(n, 229)) % 80)::text, 2, '0') END)
        || pg_temp.base31(body_number, 7) AS body,
    city_name || '市' || (ARRAY['恒','鑫','华','盛','达','利','泰','丰','源','宏','兴','昌','嘉','瑞','祥','润','骏','博','联','创',
        '正','信','宝','科','越','伟','海','金','凯','永'])[1 + abs(pg_temp.h(n, 230)) % 30]
        || (ARRAY['通','明','美','新','德','和','安','成','邦','力','腾','远','辉','威','发','顺','裕','升','业','豪',
        '诚','佳','汇','锦','晟','峰','驰','旺','隆','耀'])[1 + abs(pg_temp.h(n, 231)) % 30]
        || word || '有限公司' AS name,
    (ARRAY['陈','李','黄','张','梁','林','刘','吴','罗','何','郑','杨','谢','周','钟','曾','叶','邓','冯','许',
        '蔡','卢','朱','苏','潘','何','郭','彭','方','邱'])[1 + abs(pg_temp.h(n, 232)) % 30]
        || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','华','文',
        '志强','建华','国平','少芬','锦荣','家豪','嘉欣','晓燕','振宇','美玲'])[1 + abs(pg_temp.h(n, 233)) % 30] AS legal_representative
FROM sized;
-- USCC ('91' for a company, the division, the body, the check character) and ids; the table in USCC order.
CREATE TEMP TABLE scale_firm_sorted AS
SELECT f.*, uscc::char(18) AS uscc, pg_temp.uuid7(f.registered_at, n, 240) AS id,
    least(:'asof'::timestamptz - interval '1 minute', f.registered_at + CASE f.method
        WHEN 'BusinessLicence' THEN make_interval(secs => 20 + 580 * pg_temp.u(n, 241))
        ELSE make_interval(secs => 3600 * pg_temp.lognormal(n, 242, 20, 0.7, 1, 120)) END) AS verified_at
FROM scale_firm f
CROSS JOIN LATERAL (SELECT '91' || f.division_code || f.body || pg_temp.uscc_check('91' || f.division_code || f.body) AS uscc) x
ORDER BY uscc;
DROP TABLE scale_firm;
ALTER TABLE scale_firm_sorted RENAME TO scale_firm;
CREATE UNIQUE INDEX ON scale_firm (n);
ANALYZE scale_firm;

INSERT INTO financematch.enterprises (id, uscc, name, legal_representative, division_code, industry_code, established_on,
    registered_capital, employees, registered_at, verification, verification_decided_at, verification_decided_by,
    verification_method, verification_note)
SELECT id, uscc, name, legal_representative, division_code, industry_code, established_on, registered_capital, employees,
    registered_at, 'Verified', verified_at, CASE method WHEN 'BusinessLicence' THEN 'scale-licence-issuer' ELSE 'scale-operator' END,
    method, CASE method WHEN 'OperatorReview' THEN 'Business licence and legal representative checked.' END
FROM scale_firm ORDER BY registered_at;
INSERT INTO financematch.credentials (id, client_id, secret_hash, role, subject_id, created_at, version)
SELECT pg_temp.uuid7(registered_at, n, 243), 'ent_scale_' || n, pg_temp.secret_hash('ent_scale_' || n), 'Enterprise', id, registered_at, 1
FROM scale_firm ORDER BY registered_at;

------------------------------------------------------------------------------------------------------------------------
-- Feeds: one batch per department and month, 4 records per firm and month
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step('feed batches: one per department and month');
-- Batch of department (city, kind) for month m (1 = last month … :months): received mid-next-month (never after asof).
CREATE TEMP TABLE scale_batch AS
SELECT d.city, d.kind, m.m, d.id AS department_id, d.feed_type,
    (date_trunc('month', :'asof'::timestamptz) - make_interval(months => m.m))::date AS period,
    least(:'asof'::timestamptz - make_interval(mins => 30 + d.city * 7 + d.kind * 2),
        date_trunc('month', :'asof'::timestamptz) - make_interval(months => m.m - 1)
            + make_interval(days => (9 + abs(pg_temp.h(d.city * 10000 + d.kind * 100 + m.m, 301)) % 8)::int, hours => 1 + d.kind * 2 + d.city % 7)) AS received_at,
    coalesce(c.firms, 0) AS total_rows
FROM scale_department d CROSS JOIN generate_series(1, :months) m (m)
LEFT JOIN (SELECT city, count(*) AS firms FROM scale_firm GROUP BY city) c ON c.city = d.city;
ALTER TABLE scale_batch ADD COLUMN id uuid, ADD COLUMN completed_at timestamptz;
UPDATE scale_batch SET id = pg_temp.uuid7(received_at, city * 10000 + kind * 100 + m, 302),
    completed_at = received_at + make_interval(secs => 4 + total_rows / 25000.0);
INSERT INTO financematch.feed_batches (id, department_id, feed_type, format, status, received_at, started_at, completed_at,
    payload_bytes, payload_sha256, total_rows, accepted_rows, rejected_rows, progress)
SELECT id, department_id, feed_type, 'Csv', 'Completed', received_at, received_at + interval '2 seconds', completed_at,
    60 + total_rows * (ARRAY[52, 44, 50, 46])[kind], encode(sha256(convert_to(id::text, 'UTF8')), 'hex'),
    total_rows, total_rows, 0, 1
FROM scale_batch ORDER BY received_at;

-- One month of the four feeds. Month m (1 = the month before asof's). Per firm and month: turnover with the firm's
-- trend, the season and noise; tax paid at the firm's rate (none for a small VAT-exempt month); insured staff and their
-- contributions; electricity with the turnover, water with the staff; arrears and overdue bills for troubled firms'
-- last months and, rarely, a one-off. Salts 4xx: key n·64 + m.
CREATE FUNCTION pg_temp.feed_month(m integer, months integer, asof timestamptz) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    period date := (date_trunc('month', asof) - make_interval(months => m))::date;
    season double precision := (ARRAY[0.96, 0.74, 1.02, 1.0, 1.0, 1.04, 0.98, 0.98, 1.03, 1.0, 1.05, 1.18])[extract(month FROM period)::int];
    power_season double precision := (ARRAY[0.9, 0.7, 0.95, 1.0, 1.08, 1.18, 1.25, 1.25, 1.15, 1.02, 0.95, 0.95])[extract(month FROM period)::int];
    tax_departments uuid[]; tax_batches uuid[]; tax_done timestamptz[];
    ss_departments uuid[]; ss_batches uuid[]; ss_done timestamptz[];
    power_departments uuid[]; power_batches uuid[]; power_done timestamptz[];
    water_departments uuid[]; water_batches uuid[]; water_done timestamptz[];
    started timestamptz := clock_timestamp();
    n_rows bigint; total bigint := 0;
BEGIN
    SELECT array_agg(department_id ORDER BY city) FILTER (WHERE kind = 1), array_agg(id ORDER BY city) FILTER (WHERE kind = 1),
        array_agg(completed_at ORDER BY city) FILTER (WHERE kind = 1),
        array_agg(department_id ORDER BY city) FILTER (WHERE kind = 2), array_agg(id ORDER BY city) FILTER (WHERE kind = 2),
        array_agg(completed_at ORDER BY city) FILTER (WHERE kind = 2),
        array_agg(department_id ORDER BY city) FILTER (WHERE kind = 3), array_agg(id ORDER BY city) FILTER (WHERE kind = 3),
        array_agg(completed_at ORDER BY city) FILTER (WHERE kind = 3),
        array_agg(department_id ORDER BY city) FILTER (WHERE kind = 4), array_agg(id ORDER BY city) FILTER (WHERE kind = 4),
        array_agg(completed_at ORDER BY city) FILTER (WHERE kind = 4)
    INTO tax_departments, tax_batches, tax_done, ss_departments, ss_batches, ss_done,
        power_departments, power_batches, power_done, water_departments, water_batches, water_done
    FROM pg_temp.scale_batch b WHERE b.m = feed_month.m;

    -- rows in USCC order (scale_firm's physical order): each month's keys go into the primary key in one sweep
    INSERT INTO financematch.tax_records (uscc, period, tax_paid, taxable_revenue, arrears, tax_credit_rating, department_id,
        batch_id, updated_at)
    SELECT f.uscc, period, x.paid, x.revenue,
        CASE WHEN m <= f.troubled_months THEN round((x.due * (0.5 + pg_temp.u(f.n * 64 + m, 403)))::numeric, 2)
            WHEN pg_temp.u(f.n * 64 + m, 404) < 0.003 THEN round((x.due * 0.3)::numeric, 2) ELSE 0 END,
        f.tax_rating, tax_departments[f.city], tax_batches[f.city], tax_done[f.city]
    FROM pg_temp.scale_firm f
    CROSS JOIN LATERAL (SELECT f.rev * power(1 + f.growth, 1 - m) * season * exp(0.1 * pg_temp.z(f.n * 64 + m, 401)) AS turnover) t
    CROSS JOIN LATERAL (SELECT round(t.turnover::numeric, 2) AS revenue,
        CASE WHEN f.vat_exempt AND t.turnover < 100000 THEN 0 ELSE t.turnover * f.tax_rate * exp(0.15 * pg_temp.z(f.n * 64 + m, 405)) END AS due) d
    CROSS JOIN LATERAL (SELECT d.revenue, d.due,
        round((CASE WHEN m <= f.troubled_months THEN d.due * 0.3 ELSE d.due END)::numeric, 2) AS paid) x;
    GET DIAGNOSTICS n_rows = ROW_COUNT; total := total + n_rows;

    INSERT INTO financematch.social_security_records (uscc, period, insured_employees, contribution_paid, arrears,
        department_id, batch_id, updated_at)
    SELECT f.uscc, period, s.insured,
        round((s.due * CASE WHEN m <= f.troubled_months THEN 0.4 ELSE 1 END)::numeric, 2),
        CASE WHEN m <= f.troubled_months THEN round((s.due * (0.6 + pg_temp.u(f.n * 64 + m, 412)))::numeric, 2)
            WHEN s.insured > 0 AND pg_temp.u(f.n * 64 + m, 413) < 0.002 THEN round((s.due * 0.5)::numeric, 2) ELSE 0 END,
        ss_departments[f.city], ss_batches[f.city], ss_done[f.city]
    FROM pg_temp.scale_firm f
    CROSS JOIN LATERAL (SELECT greatest(0, round(f.employees * f.insured_share * power(1 + f.growth / 2, 1 - m)
        * (1 + 0.03 * pg_temp.z(f.n * 64 + m, 410))))::int AS insured) i
    CROSS JOIN LATERAL (SELECT i.insured, i.insured * f.contribution_per_employee AS due) s;
    GET DIAGNOSTICS n_rows = ROW_COUNT; total := total + n_rows;

    INSERT INTO financematch.utility_records (uscc, period, kind, consumption, amount_billed, amount_overdue, department_id,
        batch_id, updated_at)
    SELECT f.uscc, period, k.kind, k.consumption, k.billed,
        CASE WHEN m <= f.troubled_months THEN round(k.billed * (1 + (m % 3))::numeric, 2)
            WHEN pg_temp.u(f.n * 64 + m, 420 + k.salt) < 0.008 THEN round(k.billed * 0.6, 2) ELSE 0 END,
        k.department_id, k.batch_id, k.done
    FROM pg_temp.scale_firm f
    CROSS JOIN LATERAL (SELECT f.rev * power(1 + f.growth, 1 - m) * season * exp(0.1 * pg_temp.z(f.n * 64 + m, 401)) AS turnover,
        greatest(1, f.employees * f.insured_share) AS staff) t
    CROSS JOIN LATERAL (
        SELECT 1 AS salt, 'electricity' AS kind,
            round(greatest(50, t.turnover * f.kwh_per_yuan * power_season * exp(0.08 * pg_temp.z(f.n * 64 + m, 422)))::numeric, 3) AS consumption,
            round((greatest(50, t.turnover * f.kwh_per_yuan * power_season * exp(0.08 * pg_temp.z(f.n * 64 + m, 422))) * f.kwh_price)::numeric, 2) AS billed,
            power_departments[f.city] AS department_id, power_batches[f.city] AS batch_id, power_done[f.city] AS done
        UNION ALL
        SELECT 2, 'water',
            round(greatest(1, t.staff * f.water_per_employee * exp(0.1 * pg_temp.z(f.n * 64 + m, 426)))::numeric, 3),
            round((greatest(1, t.staff * f.water_per_employee * exp(0.1 * pg_temp.z(f.n * 64 + m, 426))) * f.water_price)::numeric, 2),
            water_departments[f.city], water_batches[f.city], water_done[f.city]) k;
    GET DIAGNOSTICS n_rows = ROW_COUNT; total := total + n_rows;

    RETURN format('  month %s/%s (%s): %s rows in %s s', months - m + 1, months, to_char(period, 'YYYY-MM'), total,
        round(extract(epoch FROM clock_timestamp() - started)::numeric, 1));
END $fn$;

SELECT pg_temp.step(format('feeds: %s months × %s firms × (tax, social security, electricity, water) = %s records, a month at a time',
    :months, :firms, 4::bigint * :months * :firms));
-- Oldest month first, as the departments sent them; each month is its own transaction.
SELECT format('SELECT pg_temp.feed_month(%s, %s, %L)', m, :months, :'asof') FROM generate_series(:months, 1, -1) m \gexec

------------------------------------------------------------------------------------------------------------------------
-- Products
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step(format('products: %s published products of %s banks', :products, :banks));
-- Product families: weight at a province-wide and at a local bank, securities (alternatives separated by '|'),
-- amount and term choices, the rate band of the lowest rate, industry prefixes, eligibility level weights
-- (0 none, 1 B or better, 2 BB, 3 BBB, 4 A), tags.
CREATE TEMP TABLE scale_family (f int PRIMARY KEY, name text, w_province float8, w_local float8, securities text,
    min_amounts numeric[], max_amounts numeric[], min_terms int[], max_terms int[], rate_lo numeric, rate_hi numeric,
    include text[], levels float8[], tags text[], description text);
INSERT INTO scale_family VALUES
    (1, '信用快贷', 14, 10, 'Credit', '{10000,50000,100000}', '{300000,500000,1000000,2000000}', '{3,6,6,12}', '{12,12,24,36}', 3.45, 4.5, '{}', '{0.02,0.08,0.3,0.4,0.2}', '{信用,线上}', '纯信用、线上申请、随借随还的小微企业经营贷款。'),
    (2, '税金贷', 12, 8, 'Credit', '{100000,200000}', '{1000000,2000000,3000000,5000000}', '{6,12,12}', '{12,24,36}', 3.6, 4.6, '{}', '{0,0,0.2,0.5,0.3}', '{信用,纳税}', '依据企业纳税记录核定额度的信用贷款。'),
    (3, '抵押经营贷', 12, 14, 'Mortgage|Mortgage,Pledge', '{300000,500000,1000000}', '{5000000,10000000,20000000,30000000}', '{12,12,24}', '{60,120,120}', 3.1, 3.9, '{}', '{0.1,0.2,0.3,0.3,0.1}', '{抵押}', '以房产等不动产抵押的中长期经营贷款。'),
    (4, '科技贷', 8, 3, 'Credit,Pledge|Credit', '{300000,500000,1000000}', '{3000000,5000000,10000000}', '{12,6}', '{36,24}', 3.3, 4.2, '{C,I,M}', '{0,0.05,0.35,0.4,0.2}', '{科技,知识产权}', '面向科技型中小企业，可接受知识产权质押。'),
    (5, '制造业中长期贷', 8, 6, 'Credit,Mortgage|Mortgage', '{1000000,2000000}', '{10000000,20000000,30000000}', '{12,12}', '{60,36}', 3.2, 4.0, '{C}', '{0.02,0.1,0.3,0.4,0.18}', '{制造业,中长期}', '支持制造业企业设备更新和技术改造的中长期贷款。'),
    (6, '商户贷', 7, 10, 'Credit', '{10000,50000}', '{300000,500000,1000000}', '{6,3,12}', '{24,12,36}', 3.9, 5.5, '{F}', '{0.05,0.25,0.35,0.3,0.05}', '{商户,信用}', '面向批发零售商户的经营周转贷款。'),
    (7, '供应链贷', 8, 3, 'Credit,Pledge|Pledge', '{300000,500000}', '{3000000,5000000,10000000}', '{3,6,6}', '{12,12,24}', 3.5, 4.5, '{}', '{0,0.1,0.4,0.35,0.15}', '{供应链,应收账款}', '以核心企业应收账款为依托的供应链融资。'),
    (8, '政采贷', 5, 4, 'Credit', '{100000,300000}', '{1000000,3000000,5000000}', '{6,6}', '{12,24}', 3.5, 4.3, '{}', '{0.05,0.15,0.3,0.4,0.1}', '{政府采购,信用}', '凭政府采购合同申请的信用贷款。'),
    (9, '首贷通', 6, 8, 'Credit', '{50000,100000}', '{500000,1000000}', '{6,12,12}', '{12,12,24}', 3.7, 4.6, '{}', '{0.2,0.3,0.3,0.2,0}', '{首贷,信用}', '面向首次申请银行贷款企业的信用贷款。'),
    (10, '普惠小微贷', 12, 14, 'Credit|Credit,Mortgage', '{10000,50000,100000}', '{1000000,3000000}', '{6,12,6}', '{36,36,24}', 3.5, 5.0, '{}', '{0.08,0.25,0.35,0.25,0.07}', '{普惠,小微}', '普惠型小微企业经营贷款。'),
    (11, '设备按揭贷', 5, 4, 'Mortgage,Pledge|Pledge', '{500000,1000000}', '{5000000,10000000}', '{24,12}', '{60,60}', 3.6, 4.6, '{}', '{0.05,0.2,0.35,0.3,0.1}', '{设备,按揭}', '用于购置生产设备的按揭贷款。'),
    (12, '乡村振兴贷', 3, 16, 'Credit,Mortgage|Credit', '{10000,50000}', '{500000,1000000,3000000}', '{6,12,6}', '{12,36,24}', 3.6, 4.9, '{A}', '{0.2,0.3,0.3,0.2,0}', '{涉农,乡村振兴}', '支持农业经营主体的涉农贷款。');

-- Each bank offers some of the families (about a third, and at least one: banks specialise), weighted for a
-- province-wide or a local bank.
CREATE TEMP TABLE scale_bank_family AS
SELECT b.b, pg_temp.lower_bounds(array_agg(CASE WHEN pg_temp.u(b.b * 100 + f.f, 521) < 0.35 OR f.f = 1 + b.b % 12
        THEN CASE WHEN b.home = 0 THEN f.w_province ELSE f.w_local END ELSE 0 END ORDER BY f.f)) AS family_lo
FROM scale_bank b CROSS JOIN scale_family f GROUP BY b.b;
-- Product p belongs to a bank by the banks' weights (exact shares), then draws its family and terms. Salts 5xx.
CREATE TEMP TABLE scale_product AS
WITH lo AS (
    SELECT pg_temp.lower_bounds(array_agg(weight ORDER BY b)) AS bank_lo FROM scale_bank
), owned AS (
    SELECT p, width_bucket((p - 0.5) / :products, lo.bank_lo) AS bank
    FROM generate_series(1, :products) p, lo
), drawn AS (
    SELECT o.p, b.b AS bank, b.id AS institution_id, b.home, b.kind, b.code AS bank_code,
        row_number() OVER (PARTITION BY b.b ORDER BY o.p) AS nth,
        fam.*,
        width_bucket(pg_temp.u(o.p, 503), pg_temp.lower_bounds(fam.levels)) - 1 AS level,
        1 + abs(pg_temp.h(o.p, 504)) % cardinality(fam.min_terms) AS term_choice,
        string_to_array(split_part(fam.securities, '|', 1 + (abs(pg_temp.h(o.p, 505)) % (1 + length(fam.securities) - length(replace(fam.securities, '|', ''))))::int), ',') AS guarantee_types
    FROM owned o
    JOIN scale_bank b ON b.b = o.bank
    JOIN scale_bank_family bf ON bf.b = b.b
    JOIN scale_family fam ON fam.f = width_bucket(pg_temp.u(o.p, 502), bf.family_lo)
)
SELECT d.p, d.bank, d.institution_id, d.home, d.f AS family, d.level, d.guarantee_types,
    d.name || '·' || (ARRAY['标准版', '优享版', '专享版', '升级版', '2.0', '惠企版', '快捷版'])[1 + abs(pg_temp.h(d.p, 506)) % 7]
        || ' ' || substr(d.bank_code, 7) || '-' || d.nth AS name,
    d.description || '额度' || (a.min_amount / 10000)::int || '万至' || (greatest(a.max_amount, a.min_amount * 5) / 10000)::int
        || '万元，期限' || d.min_terms[d.term_choice] || '至' || d.max_terms[d.term_choice] || '个月。' AS description,
    a.min_amount, greatest(a.max_amount, a.min_amount * 5) AS max_amount,
    d.min_terms[d.term_choice] AS min_term, d.max_terms[d.term_choice] AS max_term,
    r.min_rate, r.min_rate + round((0.8 + 2.2 * pg_temp.u(d.p, 509))::numeric / 0.05) * 0.05 AS max_rate,
    (CASE WHEN 'Credit' = ANY (d.guarantee_types) THEN 1 ELSE 0 END | CASE WHEN 'Mortgage' = ANY (d.guarantee_types) THEN 2 ELSE 0 END
        | CASE WHEN 'Guarantee' = ANY (d.guarantee_types) THEN 4 ELSE 0 END | CASE WHEN 'Pledge' = ANY (d.guarantee_types) THEN 8 ELSE 0 END) AS gmask,
    -- a local bank lends in its home city only; a province-wide product names the province or nothing
    CASE WHEN d.home > 0 THEN ARRAY[(SELECT code4 FROM scale_city WHERE city = d.home)]
        WHEN pg_temp.u(d.p, 510) < 0.3 THEN ARRAY['44'] ELSE ARRAY[]::text[] END AS division_prefixes,
    d.include AS industry_include,
    CASE WHEN cardinality(d.include) = 0 AND pg_temp.u(d.p, 511) < 0.25 THEN ARRAY['K'] ELSE ARRAY[]::text[] END AS industry_exclude,
    (ARRAY[NULL, 'B', 'BB', 'BBB', 'A'])[d.level + 1] AS min_grade,
    (ARRAY[NULL, NULL, NULL, 1, 2])[1 + abs(pg_temp.h(d.p, 512)) % 5]::float8 AS min_years,
    CASE WHEN d.f = 2 AND d.level >= 3 THEN 20000 END::numeric AS min_tax,
    CASE WHEN d.level >= 3 AND pg_temp.u(d.p, 513) < 0.2 THEN 3 END AS min_insured,
    pg_temp.u(d.p, 514) < 0.9 AS exclude_dishonest,
    CASE WHEN pg_temp.u(d.p, 515) < 0.4 THEN 36 END AS exclude_penalty_months,
    d.tags,
    -- all before the request window: launched with the platform
    :'launch'::timestamptz - interval '30 days' + make_interval(secs => 25 * 86400 * (d.p - 0.5) / :products) AS created_at
FROM drawn d
CROSS JOIN LATERAL (SELECT d.min_amounts[1 + abs(pg_temp.h(d.p, 507)) % cardinality(d.min_amounts)] AS min_amount,
    d.max_amounts[1 + abs(pg_temp.h(d.p, 508)) % cardinality(d.max_amounts)] AS max_amount) a
CROSS JOIN LATERAL (SELECT d.rate_lo + round(((d.rate_hi - d.rate_lo) * pg_temp.u(d.p, 501)::numeric + CASE WHEN d.kind IN ('R', 'V', 'D') THEN 0.3 ELSE 0 END) / 0.05) * 0.05 AS min_rate) r;
ALTER TABLE scale_product ADD COLUMN id uuid, ADD COLUMN ic_mask int;
UPDATE scale_product SET id = pg_temp.uuid7(created_at, p, 520),
    -- industry classes the product admits (1 C, 2 I/M, 3 F, 4 K, 5 A, 6 other), from its include and exclude prefixes
    ic_mask = CASE WHEN cardinality(industry_include) > 0 THEN
            (CASE WHEN 'C' = ANY (industry_include) THEN 1 ELSE 0 END) | (CASE WHEN 'I' = ANY (industry_include) THEN 2 ELSE 0 END)
            | (CASE WHEN 'F' = ANY (industry_include) THEN 4 ELSE 0 END) | (CASE WHEN 'A' = ANY (industry_include) THEN 16 ELSE 0 END)
        WHEN 'K' = ANY (industry_exclude) THEN 63 & ~8 ELSE 63 END;
-- Each product's match reasons (MatchRules.Evaluate: the rules it sets, what it requires) with the firm's and the
-- request's values as #placeholders#, filled in per match: #A# amount, #T# term, #G# securities, #R# the annualRate
-- check when the request caps the rate (#M# the cap), #D# division, #I# industry, #C# grade, #Y# years in operation,
-- #X# tax paid in 12 months, #E# insured staff, #P# the date serious penalties are looked back to.
ALTER TABLE scale_product ADD COLUMN reasons_template text, ADD COLUMN rate_check text;
UPDATE scale_product SET
    rate_check = ',{"rule":"annualRate","required":"at least ' || to_char(min_rate, 'FM990.00') || '%","actual":"at most #M#%","passed":true}',
    reasons_template = '[' || concat_ws(',',
        '{"rule":"amount","required":"' || to_char(min_amount, 'FM999999999990.00') || '–' || to_char(max_amount, 'FM999999999990.00') || '","actual":"#A#","passed":true}',
        '{"rule":"termMonths","required":"' || min_term || '–' || max_term || '","actual":"#T#","passed":true}',
        '{"rule":"guaranteeType","required":"one of ' || lower(array_to_string(guarantee_types, ', ')) || '","actual":"#G#","passed":true}#R#',
        CASE WHEN cardinality(division_prefixes) > 0 THEN '{"rule":"division","required":"starts with '
            || array_to_string(division_prefixes, ' or ') || '","actual":"#D#","passed":true}' END,
        CASE WHEN cardinality(industry_include) > 0 THEN '{"rule":"industryInclude","required":"starts with '
            || array_to_string(industry_include, ' or ') || '","actual":"#I#","passed":true}' END,
        CASE WHEN cardinality(industry_exclude) > 0 THEN '{"rule":"industryExclude","required":"does not start with '
            || array_to_string(industry_exclude, ' or ') || '","actual":"#I#","passed":true}' END,
        CASE WHEN min_grade IS NOT NULL THEN '{"rule":"minGrade","required":"' || min_grade || ' or better","actual":"#C#","passed":true}' END,
        CASE WHEN min_years IS NOT NULL THEN '{"rule":"minYearsInOperation","required":"at least ' || min_years || '","actual":"#Y#","passed":true}' END,
        CASE WHEN min_tax IS NOT NULL THEN '{"rule":"minAnnualTaxPaid","required":"at least ' || to_char(min_tax, 'FM999999999990.00') || '","actual":"#X#","passed":true}' END,
        CASE WHEN min_insured IS NOT NULL THEN '{"rule":"minInsuredEmployees","required":"at least ' || min_insured || '","actual":"#E#","passed":true}' END,
        CASE WHEN exclude_dishonest THEN '{"rule":"excludeDishonestDebtors","required":"no open dishonest-debtor record","actual":"none","passed":true}' END,
        CASE WHEN exclude_penalty_months IS NOT NULL THEN '{"rule":"excludeSeriousPenaltiesMonths","required":"no serious penalty since #P#","actual":"none","passed":true}' END)
        || ']';
CREATE UNIQUE INDEX ON scale_product (p);
ANALYZE scale_product;

INSERT INTO financematch.products (id, institution_id, version, status, name, description, min_amount, max_amount,
    min_term_months, max_term_months, min_annual_rate, max_annual_rate, guarantee_types, division_prefixes, industry_include,
    industry_exclude, min_grade, min_score, min_years_in_operation, min_annual_tax_paid, min_insured_employees,
    exclude_dishonest_debtors, exclude_serious_penalties_months, tags, created_at, updated_at, published_at)
SELECT id, institution_id, 1, 'Published', name, description, min_amount, max_amount, min_term, max_term, min_rate, max_rate,
    guarantee_types, division_prefixes, industry_include, industry_exclude, min_grade, NULL, min_years, min_tax, min_insured,
    exclude_dishonest, exclude_penalty_months, tags, created_at, created_at + interval '1 day', created_at + interval '1 day'
FROM scale_product ORDER BY created_at;
-- The version's terms as Product.Terms serialises them (System.Text.Json web defaults: camelCase, enums as numbers).
INSERT INTO financematch.product_versions (product_id, version, terms, created_at)
SELECT id, 1, jsonb_build_object('name', name, 'description', description, 'minAmount', min_amount, 'maxAmount', max_amount,
        'minTermMonths', min_term, 'maxTermMonths', max_term, 'minAnnualRate', min_rate, 'maxAnnualRate', max_rate,
        'guaranteeTypes', (SELECT jsonb_agg(CASE t WHEN 'Credit' THEN 0 WHEN 'Mortgage' THEN 1 WHEN 'Guarantee' THEN 2 ELSE 3 END)
            FROM unnest(guarantee_types) t),
        'divisionPrefixes', to_jsonb(division_prefixes), 'industryInclude', to_jsonb(industry_include),
        'industryExclude', to_jsonb(industry_exclude),
        'eligibility', jsonb_build_object('minGrade', min_grade, 'minScore', NULL, 'minYearsInOperation', min_years,
            'minAnnualTaxPaid', min_tax, 'minInsuredEmployees', min_insured, 'excludeDishonestDebtors', exclude_dishonest,
            'excludeSeriousPenaltiesMonths', exclude_penalty_months, 'lists', NULL, 'requiredLists', '[]'::jsonb),
        'tags', to_jsonb(tags), 'listTerms', NULL),
    created_at
FROM scale_product ORDER BY created_at;

------------------------------------------------------------------------------------------------------------------------
-- Which products can match which asks: the engine's rules over the request (amount, term, securities) and the firm
-- (city through the bank, industry class, grade level)
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step('matching tables: the products each ask, industry and grade can match');
-- Asks are of round amounts, usual terms and six sets of securities: k3 = one of 13 × 5 × 6.
CREATE TEMP TABLE scale_ask AS
SELECT (a.a - 1) * 30 + (t.t - 1) * 6 + s.s AS k3, a.a, t.t, s.s, a.amount, t.term, s.types, s.mask
FROM unnest('{50000,100000,200000,300000,500000,800000,1000000,1500000,2000000,3000000,5000000,8000000,10000000}'::numeric[]) WITH ORDINALITY a (amount, a)
CROSS JOIN unnest('{6,12,24,36,60}'::int[]) WITH ORDINALITY t (term, t)
CROSS JOIN (VALUES (1, '{Credit}'::text[], 1), (2, '{Mortgage}', 2), (3, '{Credit,Mortgage}', 3), (4, '{Credit,Pledge}', 9),
    (5, '{Mortgage,Pledge}', 10), (6, '{Pledge}', 8)) s (s, types, mask);
CREATE UNIQUE INDEX ON scale_ask (k3);
-- Per bank, ask and industry class: the products that fit, least demanding first, and how many a firm of grade level
-- 0..4 passes (cum[level + 1]).
CREATE TEMP TABLE scale_compat AS
SELECT p.bank, k.k3, ic.ic, array_agg(p.p ORDER BY p.level, p.p) AS products,
    ARRAY[count(*) FILTER (WHERE p.level <= 0), count(*) FILTER (WHERE p.level <= 1), count(*) FILTER (WHERE p.level <= 2),
        count(*) FILTER (WHERE p.level <= 3), count(*)]::int[] AS cum
FROM scale_product p
JOIN scale_ask k ON k.amount BETWEEN p.min_amount AND p.max_amount AND k.term BETWEEN p.min_term AND p.max_term
    AND (k.mask & p.gmask) <> 0
JOIN generate_series(1, 6) ic (ic) ON (p.ic_mask >> (ic.ic - 1)) & 1 = 1
GROUP BY p.bank, k.k3, ic.ic;
CREATE UNIQUE INDEX ON scale_compat (k3, ic, bank);
ANALYZE scale_compat;
-- The banks with a product for (ask, industry class, grade level): home 0 the province-wide ones, else a city's own.
CREATE TEMP TABLE scale_banks_for AS
SELECT c.k3, c.ic, g.g, b.home, array_agg(c.bank ORDER BY c.bank) AS banks
FROM scale_compat c JOIN scale_bank b ON b.b = c.bank CROSS JOIN generate_series(0, 4) g (g)
WHERE c.cum[g.g + 1] > 0
GROUP BY c.k3, c.ic, g.g, b.home;
CREATE UNIQUE INDEX ON scale_banks_for (k3, ic, g, home);
ANALYZE scale_banks_for;
-- Firms that ever ask for a loan (42%), numbered 1..B in the order they were verified: a request picks among those
-- verified before it, the longer-standing members more often (skewed draws).
CREATE TEMP TABLE scale_borrower AS SELECT row_number() OVER (ORDER BY verified_at, n) AS i, n, verified_at FROM scale_firm WHERE borrower;
CREATE UNIQUE INDEX ON scale_borrower (i);
CREATE INDEX ON scale_borrower (verified_at, i);
ANALYZE scale_borrower;

------------------------------------------------------------------------------------------------------------------------
-- Loan requests (with their consents)
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step('loan requests: drafting asks until they make the matches wanted');
-- Request r (salts 6xx): its time, its firm, ask and the banks that can match it; k the number of matches the engine
-- makes (a product of each such bank, at most max_matches; one for a request made to one product).
CREATE FUNCTION pg_temp.request_draft(r_to bigint, max_matches integer, window_start timestamptz, asof timestamptz)
    RETURNS TABLE (r bigint, posted timestamptz, n int, city int, ic int, g int, k3 int, amount numeric, term int, types text[],
    mask int, banks int[], nb int, to_product boolean, k int) LANGUAGE sql STABLE AS $$
    WITH c AS (
        SELECT (SELECT array_agg((ln(x1) + ln(x2)) / 2 ORDER BY x1) FROM (
                SELECT amount AS x1, lead(amount) OVER (ORDER BY amount) AS x2 FROM (SELECT DISTINCT amount FROM pg_temp.scale_ask) a) y
             WHERE x2 IS NOT NULL) AS amount_bounds
    ), timed AS (
        -- requests grow over the window (density 0.8 + x on 0..1: the last month has about twice the first's)
        SELECT r, window_start + (asof - window_start) * (-0.8 + sqrt(0.64 + 2.6 * pg_temp.u(r, 611))) AS posted
        FROM generate_series(1, r_to) r
    ), asks AS (
        SELECT t.r, t.posted, f.n, f.city, f.ic, CASE f.grade WHEN 'C' THEN 0 WHEN 'B' THEN 1 WHEN 'BB' THEN 2 WHEN 'BBB' THEN 3 ELSE 4 END AS g,
            1 + width_bucket(ln(f.rev * 12 * 0.12 * exp(0.7 * pg_temp.z(t.r, 603))), c.amount_bounds) AS a
        FROM timed t
        CROSS JOIN c
        CROSS JOIN LATERAL (SELECT coalesce((SELECT b.i FROM pg_temp.scale_borrower b WHERE b.verified_at < t.posted - interval '1 hour'
            ORDER BY b.verified_at DESC, b.i DESC LIMIT 1), 1) AS verified_borrowers) v
        JOIN pg_temp.scale_borrower b ON b.i = least(v.verified_borrowers, 1 + floor(v.verified_borrowers * power(pg_temp.u(t.r, 601), 1.7)))
        JOIN pg_temp.scale_firm f ON f.n = b.n
    ), shaped AS (
        SELECT x.*,
            width_bucket(pg_temp.u(r, 605), CASE WHEN x.a <= 4 THEN '{0,0.25,0.75,0.9,1}'::float8[]
                WHEN x.a <= 9 THEN '{0,0.1,0.55,0.8,0.95}'::float8[] ELSE '{0,0.05,0.3,0.6,0.85}'::float8[] END) AS t,
            width_bucket(pg_temp.u(r, 606), CASE WHEN x.a <= 4 THEN '{0,0.7,0.75,0.85,0.97,0.98}'::float8[]
                WHEN x.a <= 9 THEN '{0,0.45,0.6,0.8,0.92,0.97}'::float8[] ELSE '{0,0.2,0.55,0.8,0.88,0.98}'::float8[] END) AS s
        FROM asks x
    )
    SELECT s.r, s.posted, s.n, s.city, s.ic, s.g, k.k3, k.amount, k.term, k.types, k.mask, b.banks, cardinality(b.banks),
        pg_temp.u(s.r, 607) < 0.05,
        CASE WHEN cardinality(b.banks) = 0 THEN 0 WHEN pg_temp.u(s.r, 607) < 0.05 THEN 1 ELSE least(cardinality(b.banks), max_matches) END
    FROM shaped s
    JOIN pg_temp.scale_ask k ON k.k3 = (s.a - 1) * 30 + (s.t - 1) * 6 + s.s
    CROSS JOIN LATERAL (SELECT coalesce((SELECT banks FROM pg_temp.scale_banks_for w WHERE w.k3 = k.k3 AND w.ic = s.ic AND w.g = s.g AND w.home = 0), '{}')
        || coalesce((SELECT banks FROM pg_temp.scale_banks_for w WHERE w.k3 = k.k3 AND w.ic = s.ic AND w.g = s.g AND w.home = s.city), '{}') AS banks) b
$$;
-- How many requests the matches need: the mean matches per request of a first sample, then all of them, cut where the
-- running total reaches :matches (the last request keeps only the matches still wanted).
SELECT ceil(:matches / greatest(0.5, avg(k)) * 1.06)::bigint + 1000 AS request_draft_count
FROM pg_temp.request_draft(least(20000, :matches), :max_matches,
    :'asof'::timestamptz - make_interval(months => :months), :'asof'::timestamptz) \gset
CREATE TEMP TABLE scale_request_draft AS
SELECT * FROM (SELECT d.*, sum(d.k) OVER (ORDER BY d.r) AS running FROM pg_temp.request_draft(:request_draft_count, :max_matches,
    :'asof'::timestamptz - make_interval(months => :months), :'asof'::timestamptz) d) x
WHERE running - k < :matches;
SELECT pg_temp.fail(format('%s drafted requests make only %s matches; raise the margin', :request_draft_count, max(running)))
FROM scale_request_draft HAVING max(running) < :matches;
UPDATE scale_request_draft SET k = k - (running - :matches) WHERE running > :matches;
SELECT format('  %s requests (of %s drafted) for %s matches; %s match nothing', count(*), :request_draft_count, sum(k),
    count(*) FILTER (WHERE k = 0)) FROM scale_request_draft;

SELECT pg_temp.step('loan requests: times, lifecycle, consents');
-- The fate of match j of request r (salts 7xx, key r·32 + j) with grade level g: 1 never answered (expires),
-- 2 declined at once, 3 reviewed then declined, 4 reviewed then approved.
CREATE FUNCTION pg_temp.match_fate(r bigint, j integer, g integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN pg_temp.u(r * 32 + j, 701) < 0.25 THEN 1
        WHEN pg_temp.u(r * 32 + j, 701) < 0.25 + (0.42 - (ARRAY[0.01, 0.03, 0.06, 0.09, 0.13])[g + 1] / 2) THEN 2
        WHEN pg_temp.u(r * 32 + j, 701) < 1 - (ARRAY[0.01, 0.03, 0.06, 0.09, 0.13])[g + 1] THEN 3 ELSE 4 END $$;
-- hours to the bank's first answer (< 72: later, the match has expired), days from it to the decision
CREATE FUNCTION pg_temp.answer_hours(r bigint, j integer) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT pg_temp.lognormal(r * 32 + j, 703, 14, 1.0, 0.1, 71.5) $$;
CREATE FUNCTION pg_temp.decision_days(r bigint, j integer) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT pg_temp.lognormal(r * 32 + j, 705, 2.5, 0.8, 0.2, 25) $$;

CREATE TEMP TABLE scale_request AS
WITH dated AS (
    SELECT d.*, d.posted AS raw, f.id AS enterprise_id, f.grade,
        greatest(:'asof'::timestamptz - make_interval(months => :months), f.verified_at + interval '1 hour') AS lo
    FROM scale_request_draft d JOIN scale_firm f ON f.n = d.n
), worked AS (
    -- on working days (70% of weekend asks move to Friday) and hours (80% between 08:30 and 18:30 China time)
    SELECT w.*, date_trunc('day', w.raw + interval '8 hours')
        - make_interval(days => CASE WHEN pg_temp.u(w.r, 613) < 0.7 THEN CASE extract(isodow FROM w.raw + interval '8 hours')
            WHEN 6 THEN 1 WHEN 7 THEN 2 ELSE 0 END ELSE 0 END)
        + CASE WHEN pg_temp.u(w.r, 614) < 0.8 THEN interval '8 hours 30 minutes' + make_interval(secs => 36000 * pg_temp.u(w.r, 615))
            ELSE make_interval(secs => 86400 * pg_temp.u(w.r, 615)) END - interval '8 hours' AS shifted
    FROM dated w
), placed AS (
    SELECT p.*, CASE WHEN p.shifted >= :'asof'::timestamptz THEN p.shifted - interval '1 day' ELSE p.shifted END AS shifted2 FROM worked p
), created AS (
    SELECT c.*, greatest(c.lo + make_interval(secs => 60 * pg_temp.u(c.r, 616)), c.shifted2) AS created_at FROM placed c
), laid AS MATERIALIZED (
    SELECT c.*,
        c.created_at + make_interval(secs => 0.15 + 2 * pg_temp.u(c.r, 617)) AS matched_at,
        abs(pg_temp.h(c.r, 733)) % greatest(c.nb, 1) AS pos0,
        coalesce((SELECT s FROM unnest('{3,7,11,13,17,19,23,29,31,37,41,43,47,53,59,61,67,71,73,79,83,89,97}'::int[]) WITH ORDINALITY p (s, i)
            WHERE i = 1 + abs(pg_temp.h(c.r, 734)) % 23 AND gcd(s, greatest(c.nb, 1)) = 1), 1) AS step,
        (SELECT min(j) FROM generate_series(1, c.k) j WHERE pg_temp.match_fate(c.r, j, c.g) = 4) AS first_approved
    FROM created c
), decided AS MATERIALIZED (
    SELECT l.*,
        l.first_approved IS NOT NULL AND pg_temp.u(l.r, 713) < 0.8 AS accepts,
        l.matched_at + make_interval(secs => 3600 * pg_temp.answer_hours(l.r, l.first_approved::int)
            + 86400 * pg_temp.decision_days(l.r, l.first_approved::int)) AS first_approved_at
    FROM laid l
), lived AS (
    SELECT d.*,
        CASE WHEN d.accepts THEN d.first_approved_at + make_interval(secs => 86400 * pg_temp.lognormal(d.r, 707, 1.5, 0.8, 0.05, 14)) END AS accepted_at,
        CASE WHEN NOT d.accepts AND d.first_approved IS NOT NULL AND pg_temp.u(d.r, 715) < 0.75
                THEN d.first_approved_at + make_interval(secs => 86400 * (2 + 18 * pg_temp.u(d.r, 717)))
            WHEN d.first_approved IS NULL AND d.k > 0 AND pg_temp.u(d.r, 715) < 0.04
                THEN d.matched_at + make_interval(secs => 86400 * (1 + 9 * pg_temp.u(d.r, 717))) END AS cancelled_at
    FROM decided d
), paid AS MATERIALIZED (
    SELECT v.*,
        CASE WHEN v.accepts AND pg_temp.u(v.r, 711) >= 0.01
            THEN v.accepted_at + make_interval(secs => 86400 * pg_temp.lognormal(v.r, 709, 4, 0.6, 0.5, 30)) END AS disbursed_at
    FROM lived v
)
SELECT p.r, p.n, p.enterprise_id, p.city, p.ic, p.g, p.grade, p.k3, p.amount, p.term, p.types, p.mask, p.banks, p.nb, p.k,
    lower(array_to_string(p.types, ', ')) AS type_names,
    p.pos0, p.step, p.created_at, p.matched_at, p.first_approved,
    CASE WHEN pg_temp.u(p.r, 653) < 0.15 THEN (ARRAY[6.0, 7.5, 9.0])[1 + abs(pg_temp.h(p.r, 654)) % 3] END AS max_rate, p.accepts, p.accepted_at, p.disbursed_at, p.cancelled_at,
    pg_temp.uuid7(p.created_at, p.r, 721) AS id, pg_temp.uuid7(p.created_at, p.r, 723) AS consent_id,
    -- the moment every open match of the request is withdrawn: an offer accepted, or the request cancelled
    CASE WHEN p.accepts AND p.accepted_at <= :'asof'::timestamptz THEN p.accepted_at
        WHEN p.cancelled_at <= :'asof'::timestamptz THEN p.cancelled_at END AS withdrawn_at,
    CASE WHEN p.k = 0 THEN 'NoMatch'
        WHEN p.accepts AND p.accepted_at <= :'asof'::timestamptz
            THEN CASE WHEN p.disbursed_at <= :'asof'::timestamptz THEN 'Fulfilled' ELSE 'OfferAccepted' END
        WHEN p.cancelled_at <= :'asof'::timestamptz THEN 'Cancelled' ELSE 'Matched' END AS status,
    CASE WHEN p.to_product AND p.k > 0 THEN (SELECT pr.id FROM scale_compat c JOIN scale_product pr
        ON pr.p = c.products[1 + abs(pg_temp.h(p.r * 32 + 1, 731)) % c.cum[p.g + 1]]
        WHERE c.bank = p.banks[1 + p.pos0] AND c.k3 = p.k3 AND c.ic = p.ic) END AS product_id
FROM paid p
ORDER BY p.created_at, p.r;
CREATE UNIQUE INDEX ON scale_request (id);
ANALYZE scale_request;

-- Each request's consent: the banks it is matched with may read these parts of the report until it expires; some
-- firms revoke it when they cancel.
INSERT INTO financematch.consents (id, enterprise_id, institution_id, loan_request_id, scopes, purpose, expires_at, status,
    created_at, revoked_at)
SELECT q.consent_id, q.enterprise_id, NULL, q.id,
    (ARRAY['{Profile,Tax,SocialSecurity,Utility}', '{Profile,Tax}', '{Profile,Tax,SocialSecurity,Utility,Penalty,Judicial}',
        '{Profile,Tax,SocialSecurity}'])[width_bucket(pg_temp.u(q.r, 641), '{0,0.55,0.7,0.9}'::float8[])]::text[],
    'LoanAssessment', q.created_at + make_interval(days => (ARRAY[30, 60, 90, 180])[1 + abs(pg_temp.h(q.r, 642)) % 4]),
    CASE WHEN q.status = 'Cancelled' AND pg_temp.u(q.r, 643) < 0.4 THEN 'Revoked' ELSE 'Active' END, q.created_at,
    CASE WHEN q.status = 'Cancelled' AND pg_temp.u(q.r, 643) < 0.4 THEN q.cancelled_at END
FROM scale_request q;

INSERT INTO financematch.loan_requests (id, enterprise_id, amount, term_months, purpose, guarantee_types, max_annual_rate,
    status, consent_id, created_at, matched_at, closed_at, grade_when_posted, product_id, referrals, referred_at,
    hall_matches, purpose_category, hall_id, trace_parent)
SELECT q.id, q.enterprise_id, q.amount, q.term,
    (ARRAY[ARRAY['补充流动资金，支付原材料采购款', '支付员工工资及日常经营开支', '旺季备货资金周转', '支付上游供应商货款'],
        ARRAY['购置生产设备', '更新生产线设备', '购买运输车辆', '购置检测设备'],
        ARRAY['新开门店装修及备货', '扩大厂房产能', '新增生产线', '拓展省外市场'],
        ARRAY['履行订单合同备货', '进口原材料采购', '出口订单生产周转', '支付大宗商品货款'],
        ARRAY['新产品研发投入', '软件系统研发', '技术改造升级', '检测认证费用'],
        ARRAY['偿还到期银行贷款', '其他经营用途', '缴纳税费及社保', '支付房租水电']])[c.category][1 + abs(pg_temp.h(q.r, 652)) % 4],
    q.types,
    q.max_rate, q.status, q.consent_id, q.created_at, q.matched_at,
    CASE q.status WHEN 'Fulfilled' THEN q.disbursed_at WHEN 'Cancelled' THEN q.cancelled_at END,
    q.grade, q.product_id, 0, NULL, 0,
    (ARRAY['WorkingCapital', 'Equipment', 'Expansion', 'Trade', 'ResearchAndDevelopment', 'Other'])[c.category],
    pg_temp.uuid4(q.r, 655), NULL
FROM scale_request q
CROSS JOIN LATERAL (SELECT width_bucket(pg_temp.u(q.r, 651), '{0,0.55,0.67,0.77,0.89,0.93}'::float8[]) AS category) c;

------------------------------------------------------------------------------------------------------------------------
-- Matches
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step(format('matches: %s, ranked by fit, each with its lifecycle up to %s', :matches, :'asof'));
-- Match j of request r: the bank at position pos0 + (j − 1)·step of the request's banks (all different), that bank's
-- product for the ask drawn among those the firm's grade passes, the fit score as MatchRules.Fit computes it, rank by
-- fit (then lowest rate, oldest product). The lifecycle (salts 8xx, key r·32 + j): the match's fate, the bank's answer
-- within 72 hours, its decision days later; the accepted offer's acceptance and disbursement; withdrawal of what is
-- still open when the firm accepts an offer or cancels.
INSERT INTO financematch.matches (id, loan_request_id, enterprise_id, product_id, product_version, product_name,
    institution_id, rank, fit_score, reasons, fit, status, approved_amount, annual_rate, term_months, decline_reason,
    disbursed_amount, disbursed_on, created_at, first_responded_at, approved_at, closed_at, updated_at,
    decline_reason_code, policy_ids)
SELECT pg_temp.uuid7(q.matched_at, q.r * 32 + m.j, 811), q.id, q.enterprise_id, m.product_id, 1, m.product_name,
    m.institution_id, m.rank, m.price + m.guarantee + m.margin + m.amount_points + m.term_points,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(m.reasons_template,
        '#A#', to_char(q.amount, 'FM999999999990.00')), '#T#', q.term::text), '#G#', q.type_names),
        '#R#', CASE WHEN q.max_rate IS NULL THEN '' ELSE replace(m.rate_check, '#M#', to_char(q.max_rate, 'FM990.00')) END),
        '#D#', f.division_code), '#I#', f.industry_code), '#C#', q.grade), '#Y#', trim_scale(round(m.years::numeric, 1))::text),
        '#X#', to_char(m.tax12, 'FM999999999990.00')), '#E#', m.insured::text),
        '#P#', to_char(q.created_at::date - make_interval(months => coalesce(m.exclude_penalty_months, 0)), 'YYYY-MM-DD'))::jsonb,
    jsonb_build_object('price', m.price, 'guarantee', m.guarantee, 'eligibilityMargin', m.margin, 'amount', m.amount_points,
        'term', m.term_points),
    s.status,
    CASE WHEN s.approved_at IS NOT NULL THEN t.approved_amount END,
    CASE WHEN s.approved_at IS NOT NULL THEN t.annual_rate END,
    CASE WHEN s.approved_at IS NOT NULL THEN q.term END,
    CASE WHEN s.status = 'Declined' THEN (ARRAY['不符合我行当前行业授信政策', '缺少足值抵押物', '经营现金流不足以覆盖还款',
        '征信记录存在瑕疵', '经营及纳税资料不完整', '申请金额或期限与产品不匹配', '其他原因'])[t.reason] END,
    CASE WHEN s.status = 'Disbursed' THEN t.disbursed_amount END,
    CASE WHEN s.status = 'Disbursed' THEN (q.disbursed_at AT TIME ZONE 'UTC')::date END,
    q.matched_at, s.first_responded_at, s.approved_at, s.closed_at,
    CASE s.status WHEN 'Pending' THEN q.matched_at WHEN 'UnderReview' THEN t.answered_at WHEN 'Approved' THEN t.decided_at
        WHEN 'Accepted' THEN q.accepted_at ELSE s.closed_at END,
    CASE WHEN s.status = 'Declined' THEN (ARRAY['OutsideRiskAppetite', 'InsufficientCollateral', 'InsufficientRepaymentCapacity',
        'PoorCreditHistory', 'IncompleteData', 'ProductMismatch', 'Other'])[t.reason] END,
    '{}'
FROM scale_request q
JOIN scale_firm f ON f.n = q.n
CROSS JOIN LATERAL (
    SELECT y.*, row_number() OVER (ORDER BY y.price + y.guarantee + y.margin + y.amount_points + y.term_points DESC,
        y.min_rate, y.created_at, y.product_id) AS rank
    FROM (
        SELECT j.j, pr.id AS product_id, pr.name AS product_name, pr.institution_id, pr.min_amount, pr.max_amount, pr.min_term,
            pr.max_term, pr.min_rate, pr.max_rate, pr.guarantee_types, pr.division_prefixes, pr.industry_include,
            pr.industry_exclude, pr.min_grade, pr.min_years, pr.min_tax, pr.min_insured, pr.exclude_dishonest,
            pr.exclude_penalty_months, pr.created_at, pr.reasons_template, pr.rate_check, e.years, e.tax12, e.insured,
            financematch.fit_points(40, financematch.fit_clamp((12 - pr.min_rate::float8) / 9)) AS price,
            financematch.fit_points(20, ('{0,1,1,2,1,2,2,3,1,2,2,3,2,3,3,4}'::int[])[(pr.gmask & q.mask) + 1]::float8
                / ('{0,1,1,2,1,2,2,3,1,2,2,3,2,3,3,4}'::int[])[q.mask + 1]) AS guarantee,
            financematch.fit_points(20, coalesce((coalesce(mg, 0) + coalesce(my, 0) + coalesce(mt, 0) + coalesce(me, 0))
                / nullif(num_nonnulls(mg, my, mt, me), 0), 0.5)) AS margin,
            financematch.fit_points(10, financematch.fit_centrality(ln(q.amount::float8), ln(pr.min_amount::float8), ln(pr.max_amount::float8))) AS amount_points,
            financematch.fit_points(10, financematch.fit_centrality(q.term, pr.min_term, pr.max_term)) AS term_points
        FROM generate_series(1, q.k) j (j)
        JOIN scale_compat c ON c.bank = q.banks[1 + (q.pos0 + (j.j - 1) * q.step) % q.nb] AND c.k3 = q.k3 AND c.ic = q.ic
        JOIN scale_product pr ON pr.p = c.products[1 + abs(pg_temp.h(q.r * 32 + j.j, 731)) % c.cum[q.g + 1]]
        CROSS JOIN LATERAL (SELECT (q.created_at::date - f.established_on) / 365.25 AS years,
            CASE WHEN f.vat_exempt AND f.rev < 100000 THEN 0 ELSE f.rev * 12 * f.tax_rate END AS tax12,
            round(f.employees * f.insured_share)::int AS insured) e
        CROSS JOIN LATERAL (SELECT
            CASE WHEN pr.min_grade IS NOT NULL THEN financematch.fit_clamp((array_position('{AAA,AA,A,BBB,BB,B,C}'::text[], pr.min_grade)
                - array_position('{AAA,AA,A,BBB,BB,B,C}'::text[], q.grade)) / 3.0) END AS mg,
            CASE WHEN pr.min_years > 0 THEN financematch.fit_ratio(e.years, pr.min_years) END AS my,
            CASE WHEN pr.min_tax > 0 THEN financematch.fit_ratio(e.tax12, pr.min_tax::float8) END AS mt,
            CASE WHEN pr.min_insured > 0 THEN financematch.fit_ratio(e.insured, pr.min_insured) END AS me) mm
    ) y
) m
CROSS JOIN LATERAL (
    SELECT pg_temp.match_fate(q.r, m.j, q.g) AS fate, q.accepts AND m.j = q.first_approved AS accepted,
        q.matched_at + make_interval(secs => 3600 * pg_temp.answer_hours(q.r, m.j)) AS answered_at,
        q.matched_at + make_interval(secs => 3600 * pg_temp.answer_hours(q.r, m.j) + 86400 * pg_temp.decision_days(q.r, m.j)) AS decided_at,
        -- the expiry job's sweep after the 72-hour deadline
        q.matched_at + interval '72 hours' + make_interval(secs => 900 * pg_temp.u(q.r * 32 + m.j, 801)) AS expires_at,
        CASE WHEN pg_temp.u(q.r * 32 + m.j, 803) < 0.65 THEN q.amount
            ELSE greatest(10000, round(q.amount * (0.5 + 0.45 * pg_temp.u(q.r * 32 + m.j, 807))::numeric / 10000) * 10000) END AS approved_amount,
        m.min_rate + floor((m.max_rate - m.min_rate) / 0.05 * pg_temp.u(q.r * 32 + m.j, 804)::numeric) * 0.05 AS annual_rate,
        width_bucket(pg_temp.u(q.r * 32 + m.j, 806), '{0,0.25,0.40,0.60,0.72,0.82,0.92}'::float8[]) AS reason
    OFFSET 0
) t0
CROSS JOIN LATERAL (
    SELECT t0.*, CASE WHEN pg_temp.u(q.r * 32 + m.j, 805) < 0.97 THEN t0.approved_amount
        ELSE greatest(10000, round(t0.approved_amount * 0.8 / 10000) * 10000) END AS disbursed_amount
    OFFSET 0
) t
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN t.accepted THEN CASE WHEN :'asof'::timestamptz < t.answered_at THEN 'Pending'
            WHEN :'asof'::timestamptz < t.decided_at THEN 'UnderReview' WHEN :'asof'::timestamptz < q.accepted_at THEN 'Approved'
            WHEN q.disbursed_at IS NULL OR :'asof'::timestamptz < q.disbursed_at THEN 'Accepted' ELSE 'Disbursed' END
        WHEN q.withdrawn_at IS NOT NULL AND CASE t.fate WHEN 1 THEN q.withdrawn_at < t.expires_at WHEN 2 THEN q.withdrawn_at < t.answered_at
            WHEN 3 THEN q.withdrawn_at < t.decided_at ELSE true END THEN 'Withdrawn'
        WHEN t.fate = 1 THEN CASE WHEN :'asof'::timestamptz < t.expires_at THEN 'Pending' ELSE 'Expired' END
        WHEN t.fate = 2 THEN CASE WHEN :'asof'::timestamptz < t.answered_at THEN 'Pending' ELSE 'Declined' END
        WHEN :'asof'::timestamptz < t.answered_at THEN 'Pending' WHEN :'asof'::timestamptz < t.decided_at THEN 'UnderReview'
        WHEN t.fate = 3 THEN 'Declined' ELSE 'Approved' END AS status
    OFFSET 0
) s0
CROSS JOIN LATERAL (
    SELECT s0.status,
        CASE WHEN t.fate <> 1 AND CASE WHEN s0.status = 'Withdrawn' THEN q.withdrawn_at ELSE :'asof'::timestamptz END >= t.answered_at
            THEN t.answered_at END AS first_responded_at,
        CASE WHEN t.fate = 4 AND CASE WHEN s0.status = 'Withdrawn' THEN q.withdrawn_at ELSE :'asof'::timestamptz END >= t.decided_at
            THEN t.decided_at END AS approved_at,
        CASE s0.status WHEN 'Declined' THEN CASE WHEN t.fate = 2 THEN t.answered_at ELSE t.decided_at END
            WHEN 'Expired' THEN t.expires_at WHEN 'Withdrawn' THEN q.withdrawn_at WHEN 'Disbursed' THEN q.disbursed_at END AS closed_at
) s;

------------------------------------------------------------------------------------------------------------------------
-- Loans: every disbursed match, in the state its age, term and the firm's grade give it
------------------------------------------------------------------------------------------------------------------------
SELECT pg_temp.step('loans: one per disbursed match, their latest report, post-loan consents');
-- Salts 9xx, key r (one loan a request at most).
CREATE TEMP TABLE scale_loan AS
WITH disbursed AS (
    SELECT m.id, m.loan_request_id, m.enterprise_id, m.institution_id, m.product_id, m.product_name, m.approved_at,
        m.disbursed_amount AS amount, m.annual_rate, m.term_months, m.disbursed_on, m.closed_at AS paid_at,
        q.r, q.n, q.g, q.grade, q.created_at AS requested_at, q.mask AS request_mask,
        p.gmask AS product_mask, f.division_code, f.industry_code,
        ((date_part('year', age(:'asof'::date, m.disbursed_on)) * 12) + date_part('month', age(:'asof'::date, m.disbursed_on)))::int AS months
    FROM financematch.matches m
    JOIN scale_request q ON q.id = m.loan_request_id
    JOIN scale_product p ON p.id = m.product_id
    JOIN scale_firm f ON f.n = q.n
    WHERE m.status = 'Disbursed'
), fated AS (
    SELECT d.*,
        -- a default so far: more likely the worse the grade and the older the loan
        d.months >= 4 AND pg_temp.u(d.r, 901) < (ARRAY[0.10, 0.06, 0.035, 0.018, 0.008])[d.g + 1] * least(1, d.months / 12.0) AS defaulted,
        3 + floor(pg_temp.u(d.r, 902) * greatest(0, least(d.months, d.term_months - 1) - 3))::int AS default_month,
        pg_temp.u(d.r, 903) AS after_default
    FROM disbursed d
), statused AS (
    SELECT x.*,
        CASE WHEN x.defaulted THEN CASE WHEN x.months - x.default_month >= 6 AND x.after_default < 0.35 THEN 'WrittenOff'
                WHEN x.months - x.default_month >= 3 AND x.after_default < 0.55 THEN 'Recovered' ELSE 'Defaulted' END
            WHEN x.months >= x.term_months THEN 'Settled'
            WHEN x.months >= 3 AND pg_temp.u(x.r, 904) < 0.15 * x.months / x.term_months THEN 'Settled'
            WHEN x.months >= 1 AND pg_temp.u(x.r, 905) < 0.025 THEN 'Overdue'
            ELSE 'Repaying' END AS status
    FROM fated x
), dated AS (
    SELECT y.*,
        CASE WHEN y.defaulted THEN (y.disbursed_on + make_interval(months => y.default_month))::date END AS defaulted_on,
        CASE WHEN y.status = 'WrittenOff' THEN (y.disbursed_on + make_interval(months => y.default_month + 6))::date
            WHEN y.status = 'Recovered' THEN (y.disbursed_on + make_interval(months => y.default_month + 3))::date
            WHEN y.status = 'Settled' THEN (y.disbursed_on + make_interval(months => CASE WHEN y.months >= y.term_months THEN y.term_months
                ELSE 1 + floor(pg_temp.u(y.r, 906) * (y.months - 1))::int END))::date END AS ended_on
    FROM statused y
)
SELECT z.*,
    CASE WHEN z.status IN ('Settled', 'Recovered') THEN 0
        WHEN z.status IN ('Defaulted', 'WrittenOff') THEN round(z.amount * (1 - z.default_month::numeric / z.term_months), 2)
        ELSE round(z.amount * (1 - least(z.months, z.term_months - 1)::numeric / z.term_months), 2) END AS principal_outstanding,
    CASE z.status WHEN 'Overdue' THEN 5 + abs(pg_temp.h(z.r, 907)) % 80 WHEN 'Defaulted' THEN 90 + (:'asof'::date - z.defaulted_on)
        WHEN 'WrittenOff' THEN 180 ELSE 0 END AS overdue_days,
    -- the bank reports each month: its last report is last month's, or the month the loan ended
    CASE WHEN z.ended_on IS NOT NULL THEN date_trunc('month', z.ended_on)::date
        WHEN date_trunc('month', :'asof'::date) > date_trunc('month', z.disbursed_on)
            THEN (date_trunc('month', :'asof'::date) - interval '1 month')::date END AS last_period,
    CASE WHEN z.request_mask & z.product_mask & 1 = 1 THEN 'Credit' WHEN z.request_mask & z.product_mask & 2 = 2 THEN 'Mortgage'
        WHEN z.request_mask & z.product_mask & 4 = 4 THEN 'Guarantee' ELSE 'Pledge' END AS guarantee_type,
    (ARRAY[200, 350, 450, 550, 650, 750, 850])[8 - array_position('{AAA,AA,A,BBB,BB,B,C}'::text[], z.grade)]
        + floor(pg_temp.u(z.r, 908) * CASE WHEN z.grade = 'C' THEN 150 ELSE 100 END)::int AS score,
    row_number() OVER (PARTITION BY z.enterprise_id ORDER BY z.disbursed_on, z.id) = 1 AND pg_temp.u(z.n, 909) < 0.55 AS first_loan
FROM dated z;

INSERT INTO financematch.loans (id, loan_request_id, enterprise_id, institution_id, product_id, product_version, amount,
    annual_rate, term_months, disbursed_on, first_loan, score, grade, model_version, status, principal_outstanding,
    overdue_days, last_period, defaulted_on, ended_on, created_at, updated_at, guarantee_type, approved_at, division_code,
    industry_code, product_name, requested_at, guarantee_id, policy_ids)
SELECT id, loan_request_id, enterprise_id, institution_id, product_id, 1, amount, annual_rate, term_months, disbursed_on,
    first_loan, score, grade, '2026.2', status, principal_outstanding, overdue_days, last_period, defaulted_on, ended_on,
    paid_at, CASE WHEN last_period IS NULL THEN paid_at
        ELSE greatest(paid_at, least(:'asof'::timestamptz - interval '1 hour', last_period + interval '1 month 3 days')) END,
    guarantee_type, approved_at, division_code, industry_code, product_name, requested_at, NULL, '{}'
FROM scale_loan ORDER BY paid_at;
INSERT INTO financematch.loan_performance (loan_id, period, principal_outstanding, overdue_days, status, batch_id, reported_at)
SELECT id, last_period, principal_outstanding, overdue_days, status, NULL,
    greatest(paid_at, least(:'asof'::timestamptz - interval '1 hour', last_period + interval '1 month 3 days'))
FROM scale_loan WHERE last_period IS NOT NULL ORDER BY id;
-- Most firms with a running loan let the bank monitor it (a consent naming the bank, renewed every year).
INSERT INTO financematch.consents (id, enterprise_id, institution_id, loan_request_id, scopes, purpose, expires_at, status,
    created_at, revoked_at)
SELECT pg_temp.uuid7(c.created_at, l.r, 911), l.enterprise_id, l.institution_id, NULL,
    '{Profile,Tax,SocialSecurity,Utility,Penalty,Judicial}', 'PostLoanMonitoring', c.created_at + interval '365 days', 'Active',
    c.created_at, NULL
FROM scale_loan l
CROSS JOIN LATERAL (SELECT l.paid_at + make_interval(days => 365 * floor(extract(epoch FROM :'asof'::timestamptz - l.paid_at) / 86400 / 365)::int) AS created_at) c
WHERE l.status IN ('Repaying', 'Overdue', 'Defaulted') AND pg_temp.u(l.r, 912) < 0.8
ORDER BY c.created_at;

------------------------------------------------------------------------------------------------------------------------
-- Finishing: statistics' stale days, indexes, foreign keys, ANALYZE
------------------------------------------------------------------------------------------------------------------------
\if :superuser
SELECT pg_temp.step('statistics: every day with requests marked stale (what the skipped triggers would have logged)');
INSERT INTO financematch.stats_stale_days (day)
SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM financematch.loan_requests ORDER BY 1;
SET session_replication_role = origin;
\endif

SELECT pg_temp.step(format('indexes: recreating %s', (SELECT count(*) FROM scale_dropped_index)));
SELECT definition FROM scale_dropped_index ORDER BY table_name, name \gexec

\if :superuser
SELECT pg_temp.step('foreign keys: checking every one of the loaded tables');
DO $$
DECLARE
    fk record;
    orphans bigint;
BEGIN
    FOR fk IN
        SELECT k.conname, k.conrelid::regclass AS child, k.confrelid::regclass AS parent,
            (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') FROM unnest(k.conkey) WITH ORDINALITY x (attnum, i)
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) AS present,
            (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ')
                FROM unnest(k.conkey, k.confkey) WITH ORDINALITY x (c_attnum, p_attnum, i)
                JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = x.c_attnum
                JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = x.p_attnum) AS matching
        FROM pg_constraint k
        JOIN pg_class t ON t.oid = k.conrelid
        JOIN pg_namespace s ON s.oid = t.relnamespace
        WHERE k.contype = 'f' AND s.nspname = 'financematch' AND k.conparentid = 0
            AND t.relname IN ('institutions', 'credentials', 'departments', 'feed_batches', 'enterprises', 'products',
                'product_versions', 'consents', 'loan_requests', 'matches', 'loans', 'loan_performance')
    LOOP
        EXECUTE format('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
            fk.child, fk.present, fk.parent, fk.matching) INTO orphans;
        IF orphans > 0 THEN
            RAISE EXCEPTION 'foreign key % of %: % rows have no % row', fk.conname, fk.child, orphans, fk.parent;
        END IF;
    END LOOP;
END $$;
\endif

-- VACUUM as well (the default): the loaded tables start all-visible (index-only scans) and autovacuum has nothing
-- left to do on them in the middle of a benchmark; -v vacuum=0 runs ANALYZE alone.
\if :vacuum
SELECT pg_temp.step('VACUUM ANALYZE');
VACUUM (ANALYZE) financematch.institutions, financematch.credentials, financematch.departments, financematch.feed_batches,
    financematch.enterprises, financematch.tax_records, financematch.social_security_records, financematch.utility_records,
    financematch.products, financematch.product_versions, financematch.consents, financematch.loan_requests,
    financematch.matches, financematch.loans, financematch.loan_performance, financematch.stats_stale_days;
\else
SELECT pg_temp.step('ANALYZE');
ANALYZE financematch.institutions, financematch.credentials, financematch.departments, financematch.feed_batches,
    financematch.enterprises, financematch.tax_records, financematch.social_security_records, financematch.utility_records,
    financematch.products, financematch.product_versions, financematch.consents, financematch.loan_requests,
    financematch.matches, financematch.loans, financematch.loan_performance, financematch.stats_stale_days;
\endif
SELECT pg_temp.step('done');

\pset tuples_only off
\pset format aligned
\echo
\echo 'Steps (seconds):'
SELECT step, name, round(extract(epoch FROM coalesce(finished, clock_timestamp()) - started)::numeric, 1) AS seconds
FROM scale_log WHERE name <> 'done' ORDER BY step;
\echo 'Tables:'
SELECT c.relname AS "table", to_char(c.reltuples, 'FM999,999,999,990') AS "rows (estimate)",
    pg_size_pretty(pg_table_size(c.oid)) AS "table", pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
    pg_size_pretty(pg_total_relation_size(c.oid)) AS total
FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = 'financematch' AND c.relkind IN ('r', 'p') AND c.relname IN ('enterprises', 'credentials', 'feed_batches',
    'tax_records', 'social_security_records', 'utility_records', 'products', 'product_versions', 'consents', 'loan_requests',
    'matches', 'loans', 'loan_performance')
ORDER BY pg_total_relation_size(c.oid) DESC;
SELECT pg_size_pretty(pg_database_size(current_database())) AS "database size";

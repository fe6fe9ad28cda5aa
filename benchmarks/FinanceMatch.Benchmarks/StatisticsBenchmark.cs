using System.Diagnostics;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 7: with 1,000,000 matches and 100,000 firms, every statistics endpoint answers in under 300 ms. The world is
/// generated in SQL (100 banks through the API); the rollups are then built once (timed); each endpoint is called
/// repeatedly over a year, as an operator and as a bank; the floor is one plain pass over the same requests and matches in
/// PostgreSQL (count and sum, nothing grouped), which any statistics read without pre-aggregation must at least do.
/// Last, a burst of bank decisions on requests of the past month is written, and the next read (which counts them first)
/// and the job's round are timed.
/// </summary>
internal static class StatisticsBenchmark
{
    private const string OperatorId = "bench-operator";
    private const string OperatorSecret = "bench-operator-secret-123456";

    public static async Task RunAsync(string apiDll, string connectionString, int firms, int calls)
    {
        // Role api (no job workers): the rollups are built by the one explicit refresh below, which is then timed alone.
        await using var api = await ApiProcess.StartAsync(
            apiDll,
            connectionString,
            5096,
            OperatorId,
            OperatorSecret,
            role: "api"
        );
        var anonymous = BenchmarkClients.For(api.BaseUrl);
        var @operator = BenchmarkClients.For(
            api.BaseUrl,
            (await anonymous.Auth.GetTokenAsync(new TokenBody(OperatorId, OperatorSecret))).AccessToken
        );
        var clock = Stopwatch.StartNew();
        CreatedInstitution? firstBank = null;
        for (var b = 0; b < 100; b++)
            firstBank ??= await @operator.Institutions.CreateAsync(
                new CreateInstitutionBody($"Bench Bank {b}", $"BENCH-{b:000}")
            );
        for (var b = 1; b < 100; b++)
            await @operator.Institutions.CreateAsync(new CreateInstitutionBody($"Bench Bank {b}", $"BENCH-B{b:000}"));
        var bank = BenchmarkClients.For(
            api.BaseUrl,
            (
                await anonymous.Auth.GetTokenAsync(new TokenBody(firstBank!.ClientId, firstBank.ClientSecret!))
            ).AccessToken
        );
        for (var d = 0; d < 20; d++)
            await @operator.Departments.CreateAsync(
                new CreateDepartmentBody($"Bench Bureau {d}", $"BENCH-D{d:00}", [FeedType.Tax, FeedType.Utility])
            );
        await GenerateWorldAsync(connectionString, firms);
        var counts = await BenchmarkSql.ScalarAsync(connectionString, "SELECT count(*) FROM financematch.matches");
        var loans = await BenchmarkSql.ScalarAsync(connectionString, "SELECT count(*) FROM financematch.loans");
        var requests = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(*) FROM financematch.loan_requests"
        );
        Console.WriteLine(
            $"statistics: {firms:N0} firms, {requests:N0} loan requests over 12 months, {counts:N0} matches, {loans:N0} loans, 100 banks; "
                + $"setup {clock.Elapsed.TotalSeconds:0.0} s; {calls} calls per endpoint"
        );

        await MeasureAsync(connectionString, anonymous, @operator, bank, calls);
    }

    /// <summary>
    /// The rollups built from nothing, then every statistics endpoint <paramref name="calls"/> times against the floor,
    /// then a burst of live decisions; on whatever loan requests and matches the database holds.
    /// </summary>
    public static async Task MeasureAsync(
        string connectionString,
        FinanceMatchClient anonymous,
        FinanceMatchClient @operator,
        FinanceMatchClient bank,
        int calls
    )
    {
        var build = Stopwatch.StartNew();
        var built = await @operator.Statistics.RefreshAsync();
        var rollupRows = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(*) FROM financematch.stats_rollups"
        );
        var shown = PrintRollupLog(0);
        Console.WriteLine(
            $"rollups built: {built.Days} days and {built.Months} months, {rollupRows:N0} rows, in {build.Elapsed.TotalSeconds:0.0} s "
                + $"(server: {built.Milliseconds / 1000:0.0} s)"
        );

        var floor = await FloorAsync(connectionString);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddYears(-1);
        var endpoints = new List<(string Name, Func<Task> Call)>
        {
            ("operator: overview, one year", () => @operator.Statistics.GetOverviewAsync(from, today)),
            ("operator: overview, one month", () => @operator.Statistics.GetOverviewAsync(today.AddMonths(-1), today)),
            ("bank: overview, one year", () => bank.Statistics.GetOverviewAsync(from, today)),
        };
        foreach (var by in new[] { "institution", "product", "division", "industry", "grade", "month" })
            endpoints.Add(
                (
                    $"operator: breakdown by {by}, one year",
                    () => @operator.Statistics.GetBreakdownAsync(by, from, today)
                )
            );
        endpoints.Add(
            ("bank: breakdown by month, one year", () => bank.Statistics.GetBreakdownAsync("month", from, today))
        );
        endpoints.Add(("operator: feeds", () => @operator.Statistics.GetFeedsAsync()));
        foreach (var by in new[] { "all", "institution", "product", "grade", "programme" })
            endpoints.Add(
                (
                    $"operator: loan outcomes by {by}, one year",
                    () => @operator.Statistics.GetLoansAsync(by, from, today)
                )
            );
        endpoints.Add(("bank: loan outcomes, one year", () => bank.Statistics.GetLoansAsync("all", from, today)));
        endpoints.Add(("public: scoring model performance", () => anonymous.Profiles.GetModelPerformanceAsync(6)));

        Console.WriteLine();
        Console.WriteLine("| endpoint | p50 ms | p95 ms | max ms | p95 vs floor |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(
            $"| floor: one pass over the year's requests joined to their matches (count, sum), psql | {floor:0.0} | | | 1.00× |"
        );
        foreach (var (name, call) in endpoints)
        {
            await call(); // warm: plans, connections
            var times = new List<double>();
            for (var i = 0; i < calls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            times.Sort();
            var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)];
            Console.WriteLine(
                $"| {name} | {times[times.Count / 2]:0.0} | {p95:0.0} | {times[^1]:0.0} | {p95 / floor:0.00}× |"
            );
        }

        // Live writes: a burst of decisions on matches of the past month (1,000 rows, on about 30 posting days).
        await BenchmarkSql.ExecuteAsync(
            connectionString,
            """
            UPDATE financematch.matches SET status = 'Declined', decline_reason = 'Bench burst', first_responded_at = now(), closed_at = now()
            WHERE id IN (SELECT id FROM financematch.matches WHERE status = 'Pending' AND created_at > now() - interval '30 days' LIMIT 1000)
            """
        );
        var stale = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(DISTINCT day) FROM financematch.stats_stale_days"
        );
        var firstRead = Stopwatch.StartNew();
        await @operator.Statistics.GetOverviewAsync(from, today);
        var firstReadMs = firstRead.Elapsed.TotalMilliseconds;
        var secondRead = Stopwatch.StartNew();
        await @operator.Statistics.GetOverviewAsync(from, today);
        Console.WriteLine();
        Console.WriteLine(
            $"after 1,000 decisions on {stale} posting days: the next operator overview of the year (counting them first) "
                + $"{firstReadMs:0.0} ms, the one after {secondRead.Elapsed.TotalMilliseconds:0.0} ms"
        );
        PrintRollupLog(shown);
        var round = await @operator.Statistics.RefreshAsync();
        Console.WriteLine(
            $"the job's round after them: {round.Days} days, {round.Months} months rolled up again, {round.Rows:N0} rows, {round.Milliseconds:0.0} ms"
        );
    }

    /// <summary>The API's own log of each rollup it computed (after the first <paramref name="skip"/> such lines); returns how many there are.</summary>
    private static int PrintRollupLog(int skip)
    {
        var lines = ApiProcess.Log.Where(l => l.Contains("Statistics ", StringComparison.Ordinal)).ToList();
        foreach (var line in lines.Skip(skip))
            Console.WriteLine("  api: " + line.Trim());
        return lines.Count;
    }

    /// <summary>
    /// Firms with profiles across 30 divisions, 40 industries and every grade; products; a year of loan requests (each with
    /// its consent) and 1 to 5 matches each from different banks, in every state of the workflow (only the first match of a
    /// request can be accepted or disbursed: one accepted offer per request).
    /// </summary>
    private static Task GenerateWorldAsync(string connectionString, int firms) =>
        BenchmarkSql.ExecuteAsync(
            connectionString,
            $$"""
            INSERT INTO financematch.enterprises (id, uscc, name, legal_representative, division_code, industry_code, established_on,
                registered_capital, employees, registered_at, verification, verification_method, verification_decided_at)
            SELECT gen_random_uuid(), '91' || lpad(g::text, 16, '0'), 'Bench Firm ' || g, 'Rep',
                (ARRAY['440604','440605','440606','440103','440104','440303','440304','441302','441900','442000'])[1 + g % 10],
                (ARRAY['C39','C35','C13','F51','I65','E48','C38','G52'])[1 + g % 8], date '2005-01-01' + (g % 6000), 1000000, 10 + g % 300,
                now() - interval '400 days', 'Verified', 'OperatorReview', now() - interval '400 days'
            FROM generate_series(1, {{firms}}) g;

            INSERT INTO financematch.credit_profiles (uscc, enterprise_id, rated, score, grade, model_version, computed_at, tax_months,
                social_security_months, utility_months, dishonest_debtor, serious_penalty_last36months, tax_arrears, social_security_arrears,
                utility_overdue, tax_paid_last12months, insured_employees_latest, dimensions, factors, metrics)
            SELECT uscc, id, true, 400 + n % 500, (ARRAY['AAA','AA','A','BBB','BB','B','C'])[1 + n % 7], 'bench', now(), 12, 12, 12,
                false, false, false, false, false, 100000, 20, '[]', '[]', '{}'
            FROM (SELECT uscc, id, row_number() OVER (ORDER BY uscc) AS n FROM financematch.enterprises) e WHERE n % 5 <> 0;

            WITH banks AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM financematch.institutions)
            INSERT INTO financematch.products (id, institution_id, version, status, name, description, min_amount, max_amount, min_term_months,
                max_term_months, min_annual_rate, max_annual_rate, guarantee_types, division_prefixes, industry_include, industry_exclude,
                exclude_dishonest_debtors, tags, created_at, updated_at, published_at)
            SELECT gen_random_uuid(), b.id, 1, 'Published', 'Product ' || b.n || '-' || p, 'Generated', 100000, 5000000, 6, 36, 4, 6,
                ARRAY['Credit'], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], true, ARRAY['bench'], now(), now(), now()
            FROM banks b, generate_series(1, 10) p;
            INSERT INTO financematch.product_versions (product_id, version, terms, created_at)
            SELECT id, 1, jsonb_build_object('name', name), now() FROM financematch.products;

            CREATE TEMP TABLE bench_requests AS
            SELECT gen_random_uuid() AS id, gen_random_uuid() AS consent_id, e.id AS enterprise_id, g,
                now() - make_interval(secs => (g * 89.0) % (365 * 86400)) AS created_at, 100000 + (g % 50) * 20000 AS amount
            FROM generate_series(1, {{firms * 7 / 2}}) g
            JOIN (SELECT id, row_number() OVER (ORDER BY uscc) AS n FROM financematch.enterprises) e ON e.n = 1 + g % {{firms}};

            INSERT INTO financematch.consents (id, enterprise_id, loan_request_id, scopes, purpose, expires_at, status, created_at)
            SELECT consent_id, enterprise_id, id, ARRAY['Profile','Tax'], 'LoanAssessment', created_at + interval '90 days', 'Active', created_at
            FROM bench_requests;
            INSERT INTO financematch.loan_requests (id, enterprise_id, amount, term_months, purpose, guarantee_types, status, consent_id,
                created_at, matched_at, grade_when_posted)
            SELECT r.id, r.enterprise_id, r.amount, 24, 'Working capital', ARRAY['Credit'], CASE WHEN r.g % 10 = 0 THEN 'NoMatch' ELSE 'Matched' END,
                r.consent_id, r.created_at, r.created_at + interval '1 second', p.grade
            FROM bench_requests r LEFT JOIN financematch.credit_profiles p ON p.enterprise_id = r.enterprise_id;

            WITH products AS (SELECT p.id, p.institution_id, p.name, row_number() OVER (ORDER BY p.id) - 1 AS n FROM financematch.products p),
            wanted AS (
                SELECT r.*, k, (r.g * 7 + k * 13) % 1000 AS product_n,
                    CASE WHEN k = 1 THEN r.g % 20 ELSE (r.g + k) % 14 END AS fate
                FROM bench_requests r, generate_series(1, 5) k
                WHERE r.g % 10 <> 0 AND k <= 1 + r.g % 5)
            INSERT INTO financematch.matches (id, loan_request_id, enterprise_id, product_id, product_version, product_name, institution_id,
                rank, fit_score, reasons, fit, status, approved_amount, annual_rate, term_months, decline_reason, disbursed_amount, disbursed_on,
                created_at, first_responded_at, approved_at, closed_at, updated_at)
            SELECT gen_random_uuid(), w.id, w.enterprise_id, p.id, 1, p.name, p.institution_id, w.k, 50 + w.fate, '[]', '{}',
                CASE WHEN w.fate < 7 THEN 'Pending' WHEN w.fate < 11 THEN 'Declined' WHEN w.fate < 14 THEN 'Approved'
                    WHEN w.fate < 16 THEN 'Accepted' WHEN w.fate < 19 THEN 'Disbursed' ELSE 'Expired' END,
                CASE WHEN w.fate BETWEEN 11 AND 18 THEN w.amount END, CASE WHEN w.fate BETWEEN 11 AND 18 THEN 4.5 END,
                CASE WHEN w.fate BETWEEN 11 AND 18 THEN 24 END, CASE WHEN w.fate BETWEEN 7 AND 10 THEN 'Bench' END,
                CASE WHEN w.fate BETWEEN 16 AND 18 THEN w.amount END, CASE WHEN w.fate BETWEEN 16 AND 18 THEN (w.created_at + interval '5 days')::date END,
                w.created_at + interval '1 second', CASE WHEN w.fate >= 7 AND w.fate < 19 THEN w.created_at + make_interval(mins => 60 + (w.g * 37 + w.k * 11) % 5340) END,
                CASE WHEN w.fate BETWEEN 11 AND 18 THEN w.created_at + interval '2 days' END,
                CASE WHEN w.fate BETWEEN 7 AND 10 OR w.fate >= 19 THEN w.created_at + interval '3 days' END, w.created_at
            FROM wanted w JOIN products p ON p.n = w.product_n;

            -- Every disbursed match is a loan in some state of its life (issue 17), rated as its firm was.
            INSERT INTO financematch.loans (id, loan_request_id, enterprise_id, institution_id, product_id, product_version,
                product_name, division_code, industry_code, requested_at, approved_at, amount,
                annual_rate, term_months, disbursed_on, first_loan, guarantee_type, score, grade, model_version, status,
                principal_outstanding, overdue_days, last_period, defaulted_on, ended_on, created_at, updated_at)
            SELECT m.id, m.loan_request_id, m.enterprise_id, m.institution_id, m.product_id, 1,
                m.product_name, e.division_code, e.industry_code, r.created_at, m.approved_at, m.disbursed_amount, 4.5, 24, m.disbursed_on,
                x.h % 3 = 0, 'Credit', p.score, p.grade, 'bench', x.status,
                CASE WHEN x.status IN ('Settled', 'Recovered') THEN 0 ELSE m.disbursed_amount / 2 END,
                CASE x.status WHEN 'Overdue' THEN 30 WHEN 'Defaulted' THEN 120 WHEN 'WrittenOff' THEN 150 ELSE 0 END,
                date_trunc('month', now() - make_interval(months => x.h % 4))::date,
                CASE WHEN x.status IN ('Defaulted', 'WrittenOff', 'Recovered') THEN m.disbursed_on + 120 END,
                CASE WHEN x.status IN ('Settled', 'WrittenOff', 'Recovered') THEN m.disbursed_on + 200 END,
                m.updated_at, m.updated_at
            FROM financematch.matches m
            CROSS JOIN LATERAL (SELECT abs(hashtext(m.id::text)) AS h) hx
            CROSS JOIN LATERAL (SELECT hx.h, CASE WHEN hx.h % 100 < 60 THEN 'Repaying' WHEN hx.h % 100 < 75 THEN 'Settled'
                WHEN hx.h % 100 < 85 THEN 'Overdue' WHEN hx.h % 100 < 93 THEN 'Defaulted' WHEN hx.h % 100 < 97 THEN 'WrittenOff'
                ELSE 'Recovered' END AS status) x
            JOIN financematch.enterprises e ON e.id = m.enterprise_id
            JOIN financematch.loan_requests r ON r.id = m.loan_request_id
            LEFT JOIN financematch.credit_profiles p ON p.enterprise_id = m.enterprise_id
            WHERE m.status = 'Disbursed';
            ANALYZE;
            """
        );

    /// <summary>The least any figure over the year must cost: one pass joining its requests to their matches, best of three.</summary>
    private static async Task<double> FloorAsync(string connectionString)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await BenchmarkSql.ScalarAsync(
                connectionString,
                """
                SELECT count(*) FROM (SELECT count(m.id), sum(r.amount) FROM financematch.loan_requests r
                LEFT JOIN financematch.matches m ON m.loan_request_id = r.id WHERE r.created_at >= now() - interval '1 year') x
                """
            );
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return best;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// A bank's whole book reported in one <c>loanPerformance</c> batch (issue 17): 50,000 loans paid out five months ago,
/// four periods each (200,000 rows, the batch's limit), pushed through the API with the bank's credential until the
/// batch completes, and sent again (every row a replay). The floor, measured in the same run on the same PostgreSQL:
/// psql <c>\copy</c> of the same file into an unlogged staging table, then one set-based INSERT of the periods and one
/// UPDATE of each loan to its last period, into copies of the two tables. Run: benchmarks/loan-performance.sh [rows]
/// </summary>
internal static class LoanPerformanceBenchmark
{
    private const string OperatorId = "bench-operator";
    private const string OperatorSecret = "bench-operator-secret-123456";
    private const int Periods = 4;

    public static async Task RunAsync(string apiDll, string connectionString, int rows, string dataDir)
    {
        var loans = rows / Periods;
        await using var api = await ApiProcess.StartAsync(apiDll, connectionString, 5099, OperatorId, OperatorSecret);
        var anonymous = BenchmarkClients.For(api.BaseUrl);
        var @operator = BenchmarkClients.For(
            api.BaseUrl,
            (await anonymous.Auth.GetTokenAsync(new TokenBody(OperatorId, OperatorSecret))).AccessToken
        );
        var created = await @operator.Institutions.CreateAsync(new CreateInstitutionBody("Bench Bank", "BENCH-LP"));
        var bank = BenchmarkClients.For(
            api.BaseUrl,
            (await anonymous.Auth.GetTokenAsync(new TokenBody(created.ClientId, created.ClientSecret!))).AccessToken
        );

        Console.WriteLine($"generating {loans:N0} loans of one bank, paid out five months ago …");
        var clock = Stopwatch.StartNew();
        await BenchmarkSql.ExecuteAsync(connectionString, World(created.Id, loans));
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds:0.0} s");
        var csvPath = Path.Combine(dataDir, $"loan-performance-{rows}.csv");
        await WriteFileAsync(connectionString, csvPath);
        Console.WriteLine(
            $"input: {loans * Periods:N0} rows ({loans:N0} loans × {Periods} periods), {new FileInfo(csvPath).Length / 1048576.0:0.0} MiB"
        );

        var first = await BatchPush.PushAndWaitAsync(bank, api, FeedType.LoanPerformance, csvPath);
        var resend = await BatchPush.PushAndWaitAsync(bank, api, FeedType.LoanPerformance, csvPath);
        var floor = await FloorAsync(connectionString, csvPath);

        Console.WriteLine();
        Console.WriteLine("| measurement | seconds | rows/s | vs floor |");
        Console.WriteLine("|---|---|---|---|");
        Row("psql \\copy + INSERT periods + UPDATE loans (floor)", floor, rows, null);
        Row("FinanceMatch push → completed (new periods)", first.Seconds, rows, floor);
        Row("FinanceMatch push → completed (resend: every row a replay)", resend.Seconds, rows, floor);
        Console.WriteLine();
        Console.WriteLine(
            $"API peak RSS: {Math.Max(first.PeakRss, resend.PeakRss) / 1048576.0:0} MiB; upload (first byte to 202) {first.UploadSeconds:0.00} s"
        );
    }

    private static void Row(string name, double seconds, int rows, double? floor) =>
        Console.WriteLine(
            $"| {name} | {seconds:0.00} | {rows / seconds:N0} | {(floor is null ? "1.00×" : $"{seconds / floor:0.00}×")} |"
        );

    /// <summary>Firms, their requests (with consents), one product, a disbursed match and a loan each, for one bank.</summary>
    private static string World(Guid bankId, int loans) =>
        $$"""
            INSERT INTO financematch.products (id, institution_id, version, status, name, description, min_amount, max_amount,
                min_term_months, max_term_months, min_annual_rate, max_annual_rate, guarantee_types, division_prefixes,
                industry_include, industry_exclude, exclude_dishonest_debtors, tags, created_at, updated_at, published_at)
            VALUES ('00000000-0000-0000-0000-0000000000b1', '{{bankId}}', 1, 'Published', 'Bench loan', 'Generated', 100000,
                5000000, 6, 36, 4, 6, ARRAY['Credit'], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], true, ARRAY['bench'],
                now(), now(), now());
            INSERT INTO financematch.product_versions (product_id, version, terms, created_at)
            VALUES ('00000000-0000-0000-0000-0000000000b1', 1, '{"name": "Bench loan"}', now());

            CREATE TEMP TABLE bench_loans AS
            SELECT g, gen_random_uuid() AS firm, gen_random_uuid() AS request, gen_random_uuid() AS consent,
                gen_random_uuid() AS loan, (date_trunc('month', now()) - interval '5 months' + interval '9 days')::date AS paid_on,
                100000 + (g % 50) * 20000 AS amount
            FROM generate_series(1, {{loans}}) g;

            INSERT INTO financematch.enterprises (id, uscc, name, legal_representative, division_code, industry_code,
                established_on, registered_capital, employees, registered_at, verification, verification_method, verification_decided_at)
            SELECT firm, '91' || lpad(g::text, 16, '0'), 'Bench Firm ' || g, 'Rep', '440604', 'C39', date '2010-01-01', 1000000,
                20, now() - interval '1 year', 'Verified', 'OperatorReview', now() - interval '1 year'
            FROM bench_loans;
            INSERT INTO financematch.consents (id, enterprise_id, loan_request_id, scopes, purpose, expires_at, status, created_at)
            SELECT consent, firm, request, ARRAY['Profile'], 'LoanAssessment', now() + interval '90 days', 'Active', paid_on - 10
            FROM bench_loans;
            INSERT INTO financematch.loan_requests (id, enterprise_id, amount, term_months, purpose, guarantee_types, status,
                consent_id, created_at, matched_at)
            SELECT request, firm, amount, 24, 'Working capital', ARRAY['Credit'], 'Fulfilled', consent, paid_on - 10, paid_on - 10
            FROM bench_loans;
            INSERT INTO financematch.matches (id, loan_request_id, enterprise_id, product_id, product_version, product_name,
                institution_id, rank, fit_score, reasons, fit, status, approved_amount, annual_rate, term_months,
                disbursed_amount, disbursed_on, created_at, first_responded_at, approved_at, closed_at, updated_at)
            SELECT loan, request, firm, '00000000-0000-0000-0000-0000000000b1', 1, 'Bench loan', '{{bankId}}', 1, 80, '[]', '{}',
                'Disbursed', amount, 4.5, 24, amount, paid_on, paid_on - 10, paid_on - 9, paid_on - 8, paid_on, paid_on
            FROM bench_loans;
            INSERT INTO financematch.loans (id, loan_request_id, enterprise_id, institution_id, product_id, product_version,
                product_name, division_code, industry_code, requested_at, approved_at, amount, annual_rate, term_months,
                disbursed_on, first_loan, guarantee_type, status, principal_outstanding, overdue_days, created_at, updated_at)
            SELECT loan, request, firm, '{{bankId}}', '00000000-0000-0000-0000-0000000000b1', 1, 'Bench loan', '440604', 'C39',
                paid_on - 10, paid_on - 8, amount, 4.5, 24, paid_on, false, 'Credit', 'Repaying', amount, 0, paid_on, paid_on
            FROM bench_loans;
            ANALYZE;
            """;

    /// <summary>
    /// Four periods of every loan (the month it was paid out and the three after), period by period as a bank's monthly
    /// runs would append them: repaying, the principal falling by 1/24 a month.
    /// </summary>
    private static async Task WriteFileAsync(string connectionString, string path)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, amount, disbursed_on FROM financematch.loans ORDER BY id",
            connection
        );
        var loans = new List<(Guid Id, decimal Amount, DateOnly PaidOn)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                loans.Add((reader.GetGuid(0), reader.GetDecimal(1), reader.GetFieldValue<DateOnly>(2)));
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("loanId,period,principalOutstanding,overdueDays,status");
        for (var p = 0; p < Periods; p++)
            foreach (var (id, amount, paidOn) in loans)
            {
                var period = new DateOnly(paidOn.Year, paidOn.Month, 1).AddMonths(p);
                var outstanding = Math.Round(amount * (1 - (p + 1) / 24m), 2);
                await writer.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"{id},{period:yyyy-MM},{outstanding},0,repaying")
                );
            }
    }

    /// <summary>The same file through psql: \copy, one INSERT of the periods, one UPDATE of each loan to its last one.</summary>
    private static async Task<double> FloorAsync(string connectionString, string csvPath)
    {
        await BenchmarkSql.ExecuteAsync(
            connectionString,
            """
            CREATE TABLE public.floor_performance (LIKE financematch.loan_performance INCLUDING ALL);
            CREATE TABLE public.floor_loans (LIKE financematch.loans INCLUDING ALL);
            INSERT INTO public.floor_loans SELECT * FROM financematch.loans;
            CREATE UNLOGGED TABLE public.floor_staging (loan_id uuid, period text, principal_outstanding numeric, overdue_days int, status text);
            ANALYZE public.floor_loans;
            """
        );
        var script = $"""
            \copy public.floor_staging FROM '{csvPath}' WITH (FORMAT csv, HEADER true)
            BEGIN;
            INSERT INTO public.floor_performance (loan_id, period, principal_outstanding, overdue_days, status, batch_id, reported_at)
            SELECT s.loan_id, (s.period || '-01')::date, s.principal_outstanding, s.overdue_days, initcap(s.status),
                '00000000-0000-0000-0000-000000000002', now()
            FROM public.floor_staging s JOIN public.floor_loans l ON l.id = s.loan_id
            ON CONFLICT (loan_id, period) DO NOTHING;
            UPDATE public.floor_loans l SET principal_outstanding = s.principal_outstanding, overdue_days = s.overdue_days,
                last_period = (s.period || '-01')::date, updated_at = now()
            FROM (SELECT DISTINCT ON (loan_id) * FROM public.floor_staging ORDER BY loan_id, period DESC) s
            WHERE l.id = s.loan_id;
            COMMIT;
            """;
        return await Psql.RunAsync(connectionString, script);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 4: a full rebuild of N firms with 24 months of tax, social security and two utility series each, against one
/// hand-written SQL aggregate over the same tables (the floor), in the same run on the same PostgreSQL.
/// </summary>
internal static class ProfileRebuildBenchmark
{
    public static async Task RunAsync(string apiDll, string connectionString, int firms)
    {
        Console.WriteLine(
            $"profiles: {firms:N0} firms × 24 months × (tax, social security, electricity, water) = {firms * 96L:N0} records"
        );
        await using var api = await ApiProcess.StartAsync(
            apiDll,
            connectionString,
            5098,
            "bench-operator",
            "bench-operator-secret-123456"
        );
        var clock = Stopwatch.StartNew();
        await BenchmarkSql.ExecuteAsync(
            connectionString,
            $"""
            INSERT INTO financematch.enterprises (id, uscc, name, legal_representative, division_code, industry_code, established_on,
                registered_capital, employees, registered_at, verification, verification_method, verification_decided_at)
            SELECT gen_random_uuid(), '914406' || lpad(g::text, 12, '0'), 'Firm ' || g, 'Rep', '440604', 'C39',
                date '2000-01-01' + (g % 8000), 100000 + (g % 500) * 100000, 10 + g % 300, now(), 'Verified', 'OperatorReview', now()
            FROM generate_series(1, {firms}) g;
            INSERT INTO financematch.tax_records (uscc, period, tax_paid, taxable_revenue, arrears, department_id, batch_id, updated_at)
            SELECT e.uscc, (date_trunc('month', now()) - make_interval(months => m))::date, 1000 + (hashtext(e.uscc) % 900 + 900) * m,
                30000 + (hashtext(e.uscc) % 9000 + 9000) * m, CASE WHEN m = 1 AND hashtext(e.uscc) % 20 = 0 THEN 500 ELSE 0 END,
                gen_random_uuid(), gen_random_uuid(), now()
            FROM financematch.enterprises e, generate_series(1, 24) m;
            INSERT INTO financematch.social_security_records (uscc, period, insured_employees, contribution_paid, arrears, department_id, batch_id, updated_at)
            SELECT e.uscc, (date_trunc('month', now()) - make_interval(months => m))::date, e.employees + m % 5, e.employees * 1000, 0,
                gen_random_uuid(), gen_random_uuid(), now()
            FROM financematch.enterprises e, generate_series(1, 24) m;
            INSERT INTO financematch.utility_records (uscc, period, kind, consumption, amount_billed, amount_overdue, department_id, batch_id, updated_at)
            SELECT e.uscc, (date_trunc('month', now()) - make_interval(months => m))::date, k, 1000 + m * 10, 700, 0,
                gen_random_uuid(), gen_random_uuid(), now()
            FROM financematch.enterprises e, generate_series(1, 24) m, unnest(ARRAY['electricity', 'water']) k;
            ANALYZE financematch.enterprises; ANALYZE financematch.tax_records; ANALYZE financematch.social_security_records; ANALYZE financematch.utility_records;
            """
        );
        Console.WriteLine($"  data generated in {clock.Elapsed.TotalSeconds:0.0} s");
        await MeasureAsync(api, connectionString, runs: 2);
    }

    /// <summary>
    /// The floor twice, then <paramref name="runs"/> full rebuilds through the API (request to completed), on whatever
    /// firms and records the database holds; prints the table and returns the best floor, each run and the API's peak RSS.
    /// </summary>
    public static async Task<(double Floor, List<double> Runs, long PeakRss)> MeasureAsync(
        ApiProcess api,
        string connectionString,
        int runs
    )
    {
        var clock = Stopwatch.StartNew();
        var floor = await FloorAsync(connectionString);
        var floorAgain = await FloorAsync(connectionString);

        var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        var token = await new FinanceMatchClient(http).Auth.GetTokenAsync(
            new TokenBody("bench-operator", "bench-operator-secret-123456")
        );
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var client = new FinanceMatchClient(http);

        var times = new List<double>();
        var peakRss = 0L;
        for (var run = 0; run < runs; run++)
        {
            var logLines = ApiProcess.Log.Count;
            api.ResetPeak();
            clock.Restart();
            var recompute = await client.Profiles.RecomputeAsync();
            while (recompute.Status is RecomputeStatus.Queued or RecomputeStatus.Running)
            {
                // A nightly rebuild of a province's 1,000,000 firms, with profiles to compare and replace, takes over ten minutes here.
                if (clock.Elapsed > TimeSpan.FromHours(1))
                    throw new TimeoutException("The rebuild did not finish within an hour.");
                await Task.Delay(100);
                recompute = await client.Profiles.GetRecomputeAsync(recompute.Id);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            if (recompute.Status != RecomputeStatus.Completed)
                throw new InvalidOperationException($"The rebuild failed: {recompute.FailureReason}");
            times.Add(seconds);
            peakRss = Math.Max(peakRss, api.PeakRssBytes);
            // One line per step: "Rebuilt N credit profiles in … ms (metrics … ms, scoring and copy … ms)".
            var steps = ApiProcess
                .Log.Skip(logLines)
                .Where(l => l.Contains("credit profiles in", StringComparison.Ordinal))
                .ToList();
            Console.WriteLine(
                $"  rebuild {run + 1}: {seconds:0.00} s (request to completed), {recompute.FirmsDone:N0} firms in {steps.Count} steps; first step: {steps.FirstOrDefault()?.Trim()}; peak RSS {api.PeakRssBytes / 1048576.0:0} MiB"
            );
        }
        var profiles = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(*) FROM financematch.credit_profiles WHERE rated"
        );
        var floorBest = Math.Min(floor, floorAgain);
        Console.WriteLine();
        Console.WriteLine("| measurement | seconds | vs floor |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(
            $"| hand-written SQL aggregate over the same tables (floor, best of 2) | {floorBest:0.00} | 1.00× |"
        );
        Console.WriteLine(
            $"| full rebuild, first (every profile new, history snapshot for each) | {times[0]:0.00} | {times[0] / floorBest:0.00}× |"
        );
        if (times.Count > 1)
            Console.WriteLine(
                $"| full rebuild, second (profiles unchanged) | {times[1]:0.00} | {times[1] / floorBest:0.00}× |"
            );
        Console.WriteLine(
            $"rated profiles: {profiles:N0}; API peak RSS during the rebuilds {peakRss / 1048576.0:0} MiB"
        );
        return (floorBest, times, peakRss);
    }

    public static async Task<double> FloorAsync(string connectionString)
    {
        const string floorSql = """
            SELECT e.uscc, t.months, t.paid12, t.revenue12, s.employees, u.electricity
            FROM financematch.enterprises e
            LEFT JOIN (SELECT uscc, count(*) AS months, sum(tax_paid) FILTER (WHERE period >= date_trunc('month', now()) - interval '12 months') AS paid12,
                              sum(taxable_revenue) AS revenue12
                       FROM financematch.tax_records WHERE period < date_trunc('month', now()) GROUP BY uscc) t ON t.uscc = e.uscc
            LEFT JOIN (SELECT uscc, max(insured_employees) AS employees FROM financematch.social_security_records GROUP BY uscc) s ON s.uscc = e.uscc
            LEFT JOIN (SELECT uscc, sum(consumption) FILTER (WHERE kind = 'electricity') AS electricity FROM financematch.utility_records GROUP BY uscc) u ON u.uscc = e.uscc
            """;
        return await Psql.RunAsync(connectionString, floorSql + ";");
    }
}

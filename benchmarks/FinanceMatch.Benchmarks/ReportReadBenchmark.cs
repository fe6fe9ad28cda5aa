using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Consents;
using FinanceMatch.Client.Contracts;
using Npgsql;
using DomainConsentPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 5: report reads (profile + 24 months of four feeds) under load from wrk, a second process on loopback,
/// 100 connections for a fixed time; the same tool against /health/live gives the framework's own ceiling here, and
/// pgbench running the very transaction a read sends, the same way (prepared, one round trip), the floor.
/// </summary>
internal static partial class ReportReadBenchmark
{
    public static async Task RunAsync(string apiDll, string connectionString, int firms, int seconds)
    {
        await using var api = await ApiProcess.StartAsync(
            apiDll,
            connectionString,
            5097,
            "bench-operator",
            "bench-operator-secret-123456"
        );
        var anonymous = BenchmarkClients.For(api.BaseUrl);
        var @operator = BenchmarkClients.For(
            api.BaseUrl,
            (
                await anonymous.Auth.GetTokenAsync(new TokenBody("bench-operator", "bench-operator-secret-123456"))
            ).AccessToken
        );
        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody(
                "Bench Bureau",
                BenchmarkRun.Code("BENCH-ALL"),
                [FeedType.Tax, FeedType.SocialSecurity, FeedType.Utility, FeedType.Penalty]
            )
        );
        var bureau = BenchmarkClients.For(
            api.BaseUrl,
            (
                await anonymous.Auth.GetTokenAsync(new TokenBody(department.ClientId, department.ClientSecret!))
            ).AccessToken
        );
        var bank = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Bench Bank", BenchmarkRun.Code("BENCH-BANK"))
        );
        var bankToken = (
            await anonymous.Auth.GetTokenAsync(new TokenBody(bank.ClientId, bank.ClientSecret!))
        ).AccessToken;

        var usccs = Enumerable.Range(1, firms).Select(i => Uscc(i)).ToList();
        var month0 = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        string Month(int back) => month0.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var tax = new StringBuilder("uscc,period,taxPaid,taxableRevenue,arrears\n");
        var social = new StringBuilder("uscc,period,insuredEmployees,contributionPaid\n");
        var utility = new StringBuilder("uscc,period,kind,consumption,amountBilled\n");
        var penalty = new StringBuilder();
        foreach (var uscc in usccs)
        {
            for (var m = 1; m <= 24; m++)
            {
                tax.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},{1000 + m},{30000 + m},0\n");
                social.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},{40 + m % 3},{46000}\n");
                utility.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},electricity,{9000 + m},6300\n");
            }
            penalty.Append(
                CultureInfo.InvariantCulture,
                $"{{\"uscc\":\"{uscc}\",\"decisionNo\":\"B-{uscc}\",\"decidedOn\":\"{month0.AddMonths(-5):yyyy-MM-dd}\",\"authority\":\"Bureau\",\"severity\":\"minor\",\"amount\":1000}}\n"
            );
        }
        foreach (
            var (type, body, contentType) in new[]
            {
                (FeedType.Tax, tax, "text/csv"),
                (FeedType.SocialSecurity, social, "text/csv"),
                (FeedType.Utility, utility, "text/csv"),
                (FeedType.Penalty, penalty, "application/x-ndjson"),
            }
        )
        {
            var queued = await bureau.Feeds.PushAsync(
                type,
                new StringContent(body.ToString(), new UTF8Encoding(false), new MediaTypeHeaderValue(contentType))
            );
            while ((await bureau.Feeds.GetBatchAsync(queued.Id)).Status is BatchStatus.Queued or BatchStatus.Processing)
                await Task.Delay(100);
        }
        var ids = new List<Guid>();
        foreach (var uscc in usccs)
        {
            var firm = await anonymous.Enterprises.RegisterAsync(
                new RegisterEnterpriseBody(
                    uscc,
                    $"Firm {uscc}",
                    "Rep",
                    "440604",
                    "C39",
                    new DateOnly(2012, 5, 1),
                    3_000_000m,
                    40
                )
            );
            await @operator.Enterprises.VerifyAsync(firm.Id, new VerificationDecisionBody("Benchmark firm."));
            var self = BenchmarkClients.For(
                api.BaseUrl,
                (await anonymous.Auth.GetTokenAsync(new TokenBody(firm.ClientId, firm.ClientSecret!))).AccessToken
            );
            await self.Consents.GrantAsync(
                firm.Id,
                new GrantConsentBody(
                    bank.Id,
                    null,
                    [
                        ConsentScope.Profile,
                        ConsentScope.Tax,
                        ConsentScope.SocialSecurity,
                        ConsentScope.Utility,
                        ConsentScope.Penalty,
                    ],
                    ConsentPurpose.LoanAssessment,
                    DateTimeOffset.UtcNow.AddDays(30)
                )
            );
            ids.Add(firm.Id);
        }
        var sample = await BenchmarkClients
            .For(api.BaseUrl, bankToken)
            .Http.GetStringAsync(new Uri($"/api/v1/enterprises/{ids[0]}/report", UriKind.Relative));
        Console.WriteLine(
            $"setup: {firms} firms, each report {sample.Length / 1024.0:0.0} KiB (profile + 24 months of tax, social security, electricity + penalties)"
        );

        var script = Path.Combine(Path.GetTempPath(), "financematch-report.lua");
        await File.WriteAllTextAsync(
            script,
            $$"""
            local ids = { {{string.Join(", ", ids.Select(i => $"\"{i}\""))}} }
            local n = 0
            request = function()
              n = n + 1
              return wrk.format("GET", "/api/v1/enterprises/" .. ids[(n % #ids) + 1] .. "/report", { ["Authorization"] = "Bearer {{bankToken}}" })
            end
            function done(summary, latency, requests)
              io.write(string.format("mix p50=%.1fms p95=%.1fms p99=%.1fms\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                latency:percentile(99) / 1000))
            end
            """
        );
        var accessesBefore = await CountAsync(connectionString, "SELECT count(*) FROM financematch.report_accesses");
        var ceiling = await Wrk.RunAsync($"{api.BaseUrl}/health/live", null, seconds, connections: 100);
        api.ResetPeak();
        // CPU per read is steadier than reads per second on a shared machine: it is what the API and PostgreSQL spend on one.
        var cpu = CpuAccount.Start(api);
        var reports = await Wrk.RunAsync(
            $"{api.BaseUrl}/api/v1/enterprises/{ids[0]}/report",
            script,
            seconds,
            connections: 100
        );
        var cpuLine = cpu.Report(seconds, (int)Math.Max(1, reports.Requests), "read");
        var accesses =
            await CountAsync(connectionString, "SELECT count(*) FROM financematch.report_accesses") - accessesBefore;
        // The floor is the database's best: the transaction at the concurrency where PostgreSQL does most of it (a few
        // clients a core); at wrk's 100 at once, every one locking each monthly partition it reads, it does far less.
        var floors = new List<(double Tps, double AverageMs, int Clients)>();
        await CreateBenchFirmsAsync(connectionString);
        foreach (var clients in new[] { 2, 4, 8, 16, 100 })
        {
            floors.Add(await PgbenchFloorAsync(connectionString, firms, Math.Max(5, seconds / 3), clients));
            Console.WriteLine(
                $"  floor at {clients} clients: {floors[^1].Tps:N0} tps, avg {floors[^1].AverageMs:0.0} ms"
            );
        }
        var floor = floors.MaxBy(f => f.Tps);
        var floorAt100 = floors[^1];

        Console.WriteLine();
        Console.WriteLine(
            "| measurement (100 connections, wrk on loopback) | requests/s | p50 | p95 | p99 | non-2xx | socket errors |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(ceiling.Row("GET /health/live (framework ceiling)"));
        Console.WriteLine(reports.Row("GET /enterprises/{id}/report"));
        Console.WriteLine(
            $"| pgbench, the read's own transaction, prepared, one round trip (floor: the best of 2–16 clients, at {floor.Clients}) | {floor.Tps:N0} | avg {floor.AverageMs:0.0}ms | | | | |"
        );
        Console.WriteLine(
            $"| pgbench, the same at {floorAt100.Clients} clients (as many as wrk's connections) | {floorAt100.Tps:N0} | avg {floorAt100.AverageMs:0.0}ms | | | | |"
        );
        Console.WriteLine(
            $"report reads: {reports.RequestsPerSecond / floor.Tps:0.00}× the floor's throughput (target ≥ 0.8×)"
        );
        Console.WriteLine(
            $"report reads answered 200: {reports.Requests - reports.NonSuccess:N0}; access records written: {accesses:N0}; API peak RSS {api.PeakRssBytes / 1048576.0:0} MiB"
        );
        Console.WriteLine(cpuLine);

        var open = await OpenLoopAsync(api.BaseUrl, bankToken, ids, perSecond: 100, seconds: 20);
        Console.WriteLine(
            $"open loop, 100 reads/s for 20 s (latency from each read's scheduled start): p50 {open.P50:0.0} ms, "
                + $"p95 {open.P95:0.0} ms, p99 {open.P99:0.0} ms, max {open.Max:0.0} ms; non-2xx {open.Failures}"
        );
    }

    /// <summary>
    /// Reads sent at a fixed rate whatever the answers (an open loop: a slow answer does not delay the next read), each
    /// timed from the moment it was due, so queueing behind a slow read counts against the latency.
    /// </summary>
    public static async Task<(double P50, double P95, double P99, double Max, int Failures)> OpenLoopAsync(
        string baseUrl,
        string bankToken,
        IReadOnlyList<Guid> firms,
        int perSecond,
        int seconds
    )
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bankToken);
        for (var i = 0; i < 50; i++) // warm connections and plans
            (
                await http.GetAsync(new Uri($"/api/v1/enterprises/{firms[i % firms.Count]}/report", UriKind.Relative))
            ).Dispose();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        var sent = new List<Task>();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var firm = firms[i % firms.Count];
            sent.Add(
                Task.Run(async () =>
                {
                    using var response = await http.GetAsync(
                        new Uri($"/api/v1/enterprises/{firm}/report", UriKind.Relative)
                    );
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                        Interlocked.Increment(ref failures);
                    latencies.Add((Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds);
                })
            );
        }
        await Task.WhenAll(sent);
        var sorted = latencies.Order().ToList();
        double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return (Percentile(0.50), Percentile(0.95), Percentile(0.99), sorted[^1], failures);
    }

    /// <summary>public.bench_firms: the benchmark's firms with their consent to its bank, keyed by n for the floor's draws.</summary>
    private static async Task CreateBenchFirmsAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // The key on n makes the floor's look-up of a firm's ids an index probe, as the API has them at hand.
            await using var create = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new("DROP TABLE IF EXISTS public.bench_firms"),
                    new(
                        """
                        CREATE TABLE public.bench_firms AS
                        SELECT row_number() OVER () AS n, e.id, e.uscc, c.id AS consent_id, c.institution_id
                        FROM financematch.enterprises e JOIN financematch.consents c ON c.enterprise_id = e.id
                        WHERE c.institution_id = (SELECT id FROM financematch.institutions WHERE code = $1)
                        """
                    )
                    {
                        Parameters = { new() { Value = BenchmarkRun.Code("BENCH-BANK") } },
                    },
                    new("ALTER TABLE public.bench_firms ADD PRIMARY KEY (n)"),
                },
            };
            await create.ExecuteNonQueryAsync();
        }
    }

    private static async Task<(double Tps, double AverageMs, int Clients)> PgbenchFloorAsync(
        string connectionString,
        int firms,
        int seconds,
        int clients
    )
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var template = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "report-floor.pgbench");
        var script = Path.Combine(Path.GetTempPath(), "financematch-report-floor.pgbench");
        await File.WriteAllTextAsync(script, FloorScript(await File.ReadAllTextAsync(template), firms));
        var start = new ProcessStartInfo(
            "pgbench",
            [
                "-h",
                builder.Host!,
                "-p",
                builder.Port.ToString(CultureInfo.InvariantCulture),
                "-U",
                builder.Username!,
                "-n",
                "-M",
                "prepared",
                "-c",
                clients.ToString(CultureInfo.InvariantCulture),
                "-j",
                "2",
                "-T",
                seconds.ToString(CultureInfo.InvariantCulture),
                "-f",
                script,
                builder.Database!,
            ]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var pgbench = Process.Start(start)!;
        var output = await pgbench.StandardOutput.ReadToEndAsync();
        var errors = await pgbench.StandardError.ReadToEndAsync();
        await pgbench.WaitForExitAsync();
        if (pgbench.ExitCode != 0)
            throw new InvalidOperationException($"pgbench failed ({script}): {errors}{output}");
        double Value(string prefix) =>
            double.Parse(
                output
                    .Split('\n')
                    .First(l => l.StartsWith(prefix, StringComparison.Ordinal))
                    .Split('=')[1]
                    .Trim()
                    .Split(' ')[0],
                CultureInfo.InvariantCulture
            );
        return (Value("tps"), Value("latency average"), clients);
    }

    /// <summary>
    /// The floor's script: benchmarks/report-floor.pgbench with, in place of its statements line, the very statements a
    /// bank's read sends (<see cref="GetReport.Batch"/>), one a line, their parameters replaced by the firm's ids from
    /// public.bench_firms, a record id of each transaction's own and the read's other values as constants.
    /// </summary>
    private static string FloorScript(string template, int firms)
    {
        var (firm, bank, access) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var batch = GetReport.Batch(
            new GetReport.Query(
                new Caller(DomainRole.Bank, bank, "bench-bank"),
                firm,
                null,
                DomainConsentPurpose.LoanAssessment
            ),
            access,
            DateTimeOffset.UtcNow
        );
        string Literal(object? value) =>
            value switch
            {
                Guid id when id == firm => "(SELECT id FROM public.bench_firms WHERE n = :n)",
                Guid id when id == bank => "(SELECT institution_id FROM public.bench_firms WHERE n = :n)",
                Guid id when id == access => "md5(:n::text || '/' || :r::text)::uuid",
                DateTimeOffset => "now()",
                DateOnly day => $"'{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'::date",
                string text => $"{Quoted(text)}::text",
                string[] texts => $"ARRAY[{string.Join(", ", texts.Select(Quoted))}]::text[]",
                _ => throw new InvalidOperationException(
                    $"The floor has no literal for {value?.GetType().Name ?? "null"}."
                ),
            };
        var statements = new List<string>();
        foreach (var command in (IEnumerable<NpgsqlBatchCommand>)batch.BatchCommands)
        {
            // pgbench takes a statement as one line; comments go first (they name parameters too, and would swallow
            // the rest of the line), then each parameter is filled in.
            var line = string.Join(
                ' ',
                command.CommandText.Split('\n').Select(l => SqlComment().Replace(l, "").Trim()).Where(l => l.Length > 0)
            );
            statements.Add(
                Parameter()
                    .Replace(
                        line,
                        m =>
                            Literal(
                                command.Parameters[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1].Value
                            )
                    ) + ";"
            );
        }
        return template
            .Replace("{{firms}}", firms.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{statements}}", string.Join('\n', statements), StringComparison.Ordinal);
    }

    private static string Quoted(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>A positional parameter of the API's statements.</summary>
    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();

    /// <summary>A line's comment.</summary>
    [GeneratedRegex(@"--.*$")]
    private static partial Regex SqlComment();

    private static string Uscc(int i)
    {
        // Firms of this run: the run's number in front of i (at most 86,399 × 10,000 + i, nine digits).
        return FinanceMatch.Core.Common.Uscc.Compose(
            "440604",
            (BenchmarkRun.Number * 10_000L + i).ToString("D9", CultureInfo.InvariantCulture)
        );
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 21: the API and its workers on a Patroni pair (scripts/ha.sh), under a mixed load of loan requests, feed
/// pushes, report reads, statistics and catalogue reads; the primary's server is lost (kill -9 of its Patroni and
/// postmaster) while the load runs. Checks: no 500 ever; every refusal a 503 problem+json with Retry-After; every
/// request served again within 30 s of the promotion; every write that got a 2xx (before, during, after) present
/// afterwards; Hangfire's jobs resume (every acknowledged batch processed, every acknowledged request matched). Then the
/// old primary comes back as a standby and the pair fails back under the same load, with the same checks.
/// Run: scripts/failover-test.sh. Exit code 1 when a check fails.
/// </summary>
internal static partial class FailoverDrill
{
    private const string OperatorId = "drill-operator";
    private const string OperatorSecret = "drill-operator-secret-123456";
    private const int Workers = 16;

    public static async Task<int> RunAsync(string apiDll, string connectionString, string root, int secondsAfter)
    {
        await using var api = await ApiProcess.StartAsync(apiDll, connectionString, 5096, OperatorId, OperatorSecret);
        var world = await World.CreateAsync(api.BaseUrl);
        Console.WriteLine($"drill: {world.Firms.Count} firms, {world.Banks.Count} banks; {Workers} clients");

        var load = new Load(api.BaseUrl, world);
        var running = load.RunAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));

        // The primary's server is lost; ha.sh returns once the other node takes a write.
        var killAt = load.Elapsed;
        var kill = await RunScriptAsync(root, "kill-primary");
        var promotedAt = load.Elapsed;
        var killed = KilledNode().Match(kill.Output) is { Success: true } m ? m.Groups[1].Value : null;
        Console.WriteLine(
            $"drill: killed node{killed} at {killAt:0.0} s; the other node took a write at {promotedAt:0.0} s "
                + $"({promotedAt - killAt:0.0} s)"
        );
        await Task.Delay(TimeSpan.FromSeconds(secondsAfter));
        var failover = load.Window(killAt, load.Elapsed);

        // The old primary rejoins as a synchronous standby; then a switchover hands it the primary role again.
        var rejoinAt = load.Elapsed;
        var rejoin = await RunScriptAsync(root, $"start-node {killed}");
        var switchAt = load.Elapsed;
        var switchover = await RunScriptAsync(root, $"switchover {killed}");
        var switchedAt = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(15));
        var failback = load.Window(switchAt, load.Elapsed);
        await load.StopAsync(running);

        Console.WriteLine(
            $"drill: node{killed} rejoined as a standby in {switchAt - rejoinAt:0.0} s (exit {rejoin.ExitCode}); "
                + $"switchover back took {switchedAt - switchAt:0.0} s (exit {switchover.ExitCode})"
        );

        // Every write acknowledged is there, and the jobs it started ran.
        var lost = await MissingAsync(connectionString, "loan_requests", load.AcknowledgedRequests);
        var lostBatches = await MissingAsync(connectionString, "feed_batches", load.AcknowledgedBatches);
        var jobsResumed = await EventuallyAsync(
            async () =>
                await CountAsync(
                    connectionString,
                    "SELECT count(*) FROM financematch.feed_batches WHERE id = ANY($1) AND status NOT IN ('Completed', 'CompletedWithErrors')",
                    load.AcknowledgedBatches
                ) == 0
                && await CountAsync(
                    connectionString,
                    "SELECT count(*) FROM financematch.loan_requests WHERE id = ANY($1) AND status = 'Matching'",
                    load.AcknowledgedRequests
                ) == 0,
            TimeSpan.FromSeconds(90)
        );

        var recoveredAfterPromotion = failover.LastRefusal is { } last ? Math.Max(0, last - promotedAt) : 0;
        Console.WriteLine();
        Console.WriteLine(
            "| phase | requests | 2xx | 503 (Retry-After, problem+json) | other 4xx | 500 | last refusal after the event |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(failover.Row("kill -9 of the primary's server", killAt));
        Console.WriteLine(failback.Row("fail back (switchover)", switchAt));
        var whole = load.Window(0, load.Elapsed);
        Console.WriteLine(whole.Row("whole run", 0));
        Console.WriteLine();
        Console.WriteLine(
            $"promotion {promotedAt - killAt:0.0} s after the kill; requests all served again {recoveredAfterPromotion:0.0} s after the promotion; "
                + $"acknowledged writes: {load.AcknowledgedRequests.Count:N0} loan requests ({lost} missing), "
                + $"{load.AcknowledgedBatches.Count:N0} feed batches ({lostBatches} missing); jobs resumed: {(jobsResumed ? "yes" : "NO")}"
        );

        var failures = new List<string>();
        if (whole.ServerErrors > 0)
            failures.Add(
                $"{whole.ServerErrors} responses were 5xx other than 503: {string.Join(" | ", load.Errors.Take(3))}"
            );
        if (whole.BadRefusals > 0)
            failures.Add($"{whole.BadRefusals} 503s lacked Retry-After or problem+json");
        if (recoveredAfterPromotion > 30)
            failures.Add($"requests were refused {recoveredAfterPromotion:0.0} s after the promotion (limit 30 s)");
        if (lost + lostBatches > 0)
            failures.Add($"{lost + lostBatches} acknowledged writes are missing");
        if (!jobsResumed)
            failures.Add("acknowledged batches or requests were still unprocessed 90 s after the drill");
        if (kill.ExitCode != 0 || rejoin.ExitCode != 0 || switchover.ExitCode != 0)
            failures.Add("an ha.sh step failed: " + kill.Output + rejoin.Output + switchover.Output);
        if (whole.Succeeded == 0 || failover.Succeeded == 0)
            failures.Add("no request succeeded");
        foreach (var failure in failures)
            Console.WriteLine("FAILED: " + failure);
        Console.WriteLine(failures.Count == 0 ? "failover drill: OK" : "failover drill: FAILED");
        return failures.Count == 0 ? 0 : 1;
    }

    [GeneratedRegex(@"killed node(\d)")]
    private static partial Regex KilledNode();

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string root, string arguments)
    {
        var start = new ProcessStartInfo("bash", $"scripts/ha.sh {arguments}")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await errors;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Console.WriteLine("  ha.sh: " + line);
        return (process.ExitCode, text);
    }

    private static async Task<long> MissingAsync(
        string connectionString,
        string table,
        IReadOnlyCollection<Guid> ids
    ) =>
        ids.Count
        - await CountAsync(connectionString, $"SELECT count(*) FROM financematch.{table} WHERE id = ANY($1)", ids);

    private static async Task<long> CountAsync(string connectionString, string sql, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                    return true;
            }
            catch (NpgsqlException) { }
            await Task.Delay(1000);
        }
        return false;
    }

    private sealed record Firm(Guid Id, string Token);

    private sealed record World(
        List<Firm> Firms,
        List<string> Banks,
        string BankReader,
        string Department,
        string Operator
    )
    {
        public static async Task<World> CreateAsync(string baseUrl)
        {
            var anonymous = BenchmarkClients.For(baseUrl);
            async Task<string> TokenAsync(string id, string secret) =>
                (await anonymous.Auth.GetTokenAsync(new TokenBody(id, secret))).AccessToken;
            var operatorToken = await TokenAsync(OperatorId, OperatorSecret);
            var @operator = BenchmarkClients.For(baseUrl, operatorToken);
            var department = await @operator.Departments.CreateAsync(
                new CreateDepartmentBody("Drill Bureau", "DRILL-TAX", [FeedType.Tax])
            );
            var banks = new List<(Guid Id, string Token)>();
            for (var b = 0; b < 3; b++)
            {
                var bank = await @operator.Institutions.CreateAsync(
                    new CreateInstitutionBody($"Drill Bank {b}", $"DRILL-{b:00}")
                );
                var token = await TokenAsync(bank.ClientId, bank.ClientSecret!);
                var client = BenchmarkClients.For(baseUrl, token);
                var product = await client.Products.CreateAsync(
                    new ProductBody(
                        $"Drill loan {b}",
                        "Working capital",
                        100_000m,
                        5_000_000m,
                        3,
                        60,
                        3.5m + b * 0.3m,
                        6m + b * 0.3m,
                        [GuaranteeType.Credit],
                        ["44"],
                        null,
                        null,
                        ["drill"]
                    )
                );
                await client.Products.PublishAsync(product.Id);
                banks.Add((bank.Id, token));
            }
            var firms = new List<Firm>();
            for (var i = 1; i <= 20; i++)
            {
                var firm = await anonymous.Enterprises.RegisterAsync(
                    new RegisterEnterpriseBody(
                        Core.Common.Uscc.Compose("440604", (700_000 + i).ToString("D9", CultureInfo.InvariantCulture)),
                        $"Drill Firm {i}",
                        "Rep",
                        "440604",
                        "C39",
                        new DateOnly(2012, 5, 1),
                        3_000_000m,
                        40
                    )
                );
                await @operator.Enterprises.VerifyAsync(firm.Id, new VerificationDecisionBody("Drill firm."));
                var token = await TokenAsync(firm.ClientId, firm.ClientSecret!);
                await BenchmarkClients
                    .For(baseUrl, token)
                    .Consents.GrantAsync(
                        firm.Id,
                        new GrantConsentBody(
                            banks[0].Id,
                            null,
                            [ConsentScope.Profile, ConsentScope.Tax],
                            ConsentPurpose.LoanAssessment,
                            DateTimeOffset.UtcNow.AddDays(60)
                        )
                    );
                firms.Add(new Firm(firm.Id, token));
            }
            var departmentToken = await TokenAsync(department.ClientId, department.ClientSecret!);
            return new World(firms, [.. banks.Select(b => b.Token)], banks[0].Token, departmentToken, operatorToken);
        }
    }

    private readonly record struct Outcome(double At, int Status, bool ProperRefusal);

    /// <summary>What the clients saw between two moments of the run.</summary>
    private sealed record Tally(
        int Requests,
        int Succeeded,
        int Refused,
        int BadRefusals,
        int OtherClientErrors,
        int ServerErrors,
        double? LastRefusal
    )
    {
        public string Row(string phase, double since) =>
            $"| {phase} | {Requests:N0} | {Succeeded:N0} | {Refused:N0} ({Refused - BadRefusals:N0} proper) | {OtherClientErrors:N0} | {ServerErrors:N0} | "
            + (LastRefusal is { } last ? $"{last - since:0.0} s" : "none")
            + " |";
    }

    /// <summary>
    /// Closed-loop clients, each sending one request after another: a firm's loan request (2 in 10), a department's
    /// one-row tax batch (1 in 10), a bank's report read (3 in 10), the catalogue (2 in 10), the statistics overview
    /// (2 in 10). Each write's id is kept when it was acknowledged with a 2xx.
    /// </summary>
    private sealed class Load(string baseUrl, World world)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly ConcurrentQueue<Outcome> outcomes = new();
        private readonly ConcurrentBag<Guid> requests = [];
        private readonly ConcurrentBag<Guid> batches = [];
        private readonly CancellationTokenSource stop = new();
        private int sequence;

        public double Elapsed => clock.Elapsed.TotalSeconds;
        public IReadOnlyCollection<Guid> AcknowledgedRequests => [.. requests];
        public IReadOnlyCollection<Guid> AcknowledgedBatches => [.. batches];
        public ConcurrentQueue<string> Errors { get; } = new();

        public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, Workers).Select(WorkerAsync));

        public async Task StopAsync(Task running)
        {
            await stop.CancelAsync();
            await running;
        }

        public Tally Window(double from, double to)
        {
            var inside = outcomes.Where(o => o.At >= from && o.At <= to).ToList();
            var refused = inside.Where(o => o.Status == 503).ToList();
            return new Tally(
                inside.Count,
                inside.Count(o => o.Status is >= 200 and < 300),
                refused.Count,
                refused.Count(o => !o.ProperRefusal),
                inside.Count(o => o.Status is >= 400 and < 500),
                inside.Count(o => o.Status >= 500 && o.Status != 503),
                refused.Count > 0 ? refused.Max(o => o.At) : null
            );
        }

        private async Task WorkerAsync(int worker)
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                var firm = world.Firms[random.Next(world.Firms.Count)];
                var pick = random.Next(10);
                using var request = pick switch
                {
                    < 2 => Post("/api/v1/loan-requests", firm.Token, JsonContent(Ask())),
                    < 3 => Post(
                        "/api/v1/feeds/tax/batches",
                        world.Department,
                        new StringContent(TaxRow(n), Encoding.UTF8, "text/csv")
                    ),
                    < 6 => Get($"/api/v1/enterprises/{firm.Id}/report?purpose=loanAssessment", world.BankReader),
                    < 8 => Get("/api/v1/products?page=1&pageSize=20", world.Banks[random.Next(world.Banks.Count)]),
                    _ => Get("/api/v1/stats/overview", world.Operator),
                };
                int status;
                var proper = false;
                try
                {
                    using var response = await http.SendAsync(request, stop.Token);
                    status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync(stop.Token);
                    if (status == 503)
                        proper =
                            response.Headers.RetryAfter is not null
                            && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                    else if (status >= 500 || status is >= 400 and < 500 && Errors.Count < 20)
                        Errors.Enqueue(
                            $"{(int)response.StatusCode} {request.Method} {request.RequestUri}: {body[..Math.Min(body.Length, 300)]}"
                        );
                    if (response.IsSuccessStatusCode && pick < 3)
                    {
                        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
                        (pick < 2 ? requests : batches).Add(id);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 599; // no answer at all: counted as a server error
                    if (Errors.Count < 20)
                        Errors.Enqueue($"no answer to {request.Method} {request.RequestUri}: {e.Message}");
                }
                outcomes.Enqueue(new Outcome(Elapsed, status, proper));
                if (status == 503)
                    await Task.Delay(200, CancellationToken.None); // a client honouring Retry-After would wait longer
            }
        }

        private static HttpRequestMessage Get(string path, string token) =>
            new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

        private static HttpRequestMessage Post(string path, string token, HttpContent content) =>
            new(HttpMethod.Post, path)
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
                Content = content,
            };

        private static StringContent JsonContent(object body) =>
            new(JsonSerializer.Serialize(body, FinanceMatchJson.Options), Encoding.UTF8, "application/json");

        private static SubmitLoanRequestBody Ask() =>
            new(
                800_000m,
                24,
                "Working capital",
                [GuaranteeType.Credit],
                new LoanConsentBody([ConsentScope.Profile, ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(60))
            );

        private static string TaxRow(int n)
        {
            var uscc = Core.Common.Uscc.Compose(
                "440604",
                (800_000 + n % 5000).ToString("D9", CultureInfo.InvariantCulture)
            );
            var period = DateTime
                .UtcNow.AddMonths(-1 - n / 5000 % 12)
                .ToString("yyyy-MM", CultureInfo.InvariantCulture);
            return $"uscc,period,taxPaid,taxableRevenue\n{uscc},{period},{1000 + n % 97}.00,{20000 + n % 991}.00\n";
        }
    }
}

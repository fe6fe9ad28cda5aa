using System.Collections.Concurrent;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Feeds;

/// <summary>
/// Batches and webhook deliveries processed by separate worker processes: killed mid-work, and two at once on one database. The API here has
/// role "api" (no workers of its own) on a database of this fixture's own, so only the worker processes run jobs.
/// </summary>
[NonParallelizable]
public sealed class WorkerProcessTests
{
    private TestDatabase database = null!;
    private WorkerProcess api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync();
        api = await WorkerProcess.StartApiAsync(database.ConnectionString, LoopbackWebhooks);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await api.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>The webhook receiver of these tests listens on plain http on loopback, which Production refuses.</summary>
    private static readonly Dictionary<string, string> LoopbackWebhooks = new()
    {
        ["Webhooks__AllowHttp"] = "true",
        ["Webhooks__AllowPrivateNetworks"] = "true",
        ["Webhooks__RetryBaseMilliseconds"] = "300",
    };

    /// <summary>A worker that gives up a POST after 2 s and holds a delivery 7 s (the shortest lease allowed), so a successor takes it soon.</summary>
    private static readonly Dictionary<string, string> ShortLease = new(LoopbackWebhooks)
    {
        ["Webhooks__TimeoutSeconds"] = "2",
        ["Webhooks__LeaseSeconds"] = "7",
    };

    private HttpClient Http(WorkerProcess? through = null) =>
        new() { BaseAddress = (through ?? api).BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    private async Task<FinanceMatchClient> SignedInAsync(
        string clientId,
        string clientSecret,
        WorkerProcess? through = null
    )
    {
        var client = TestRun.Client((through ?? api).BaseAddress!, clientId, clientSecret);
        client.Http.Timeout = TimeSpan.FromMinutes(2);
        await client.Auth.GetCallerAsync();
        return client;
    }

    private async Task<FinanceMatchClient> DepartmentAsync()
    {
        var @operator = await SignedInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody("Worker Test Bureau", Actors.UniqueCode("WK"), [FeedType.Tax])
        );
        return await SignedInAsync(department.ClientId, department.ClientSecret!);
    }

    /// <summary>Rows for distinct firms × months; every key appears once, so applied records must equal rows exactly.</summary>
    private static (string Csv, string[] Usccs) TaxCsv(int firms, int months)
    {
        var usccs = Enumerable.Range(0, firms).Select(_ => Usccs.Next()).ToArray();
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        foreach (var uscc in usccs)
        {
            for (var m = 1; m <= months; m++)
                csv.Append(uscc).Append(',').Append(Batches.Month(m)).Append(",1000.50,33350\n");
        }
        return (csv.ToString(), usccs);
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)
            Convert.ChangeType(
                (await command.ExecuteScalarAsync())!,
                typeof(T),
                System.Globalization.CultureInfo.InvariantCulture
            );
    }

    private static async Task<BatchDto> WaitAsync(
        FinanceMatchClient client,
        Guid id,
        Func<BatchDto, bool> condition,
        TimeSpan limit,
        string what
    )
    {
        BatchDto? batch = null;
        await Eventually.HoldsAsync(async () => condition(batch = await client.Feeds.GetBatchAsync(id)), limit, what);
        return batch!;
    }

    [Test]
    public async Task WorkerKilledMidBatch_BatchCompletesExactlyOnceAfterRestart()
    {
        var department = await DepartmentAsync();
        var (csv, usccs) = TaxCsv(firms: 12_500, months: 12);
        var queued = await Batches.PushAsync(department, FeedType.Tax, csv, Batches.Csv);

        await using (var doomed = WorkerProcess.Start(database.ConnectionString))
        {
            await WaitAsync(
                department,
                queued.Id,
                b => b.Status == BatchStatus.Processing && b.Progress > 0.05,
                TimeSpan.FromSeconds(60),
                "the first worker never got into the batch"
            );
            await doomed.KillAsync();
        }

        var afterKill = await department.Feeds.GetBatchAsync(queued.Id);
        Assert.That(afterKill.Status, Is.EqualTo(BatchStatus.Processing), "killed mid-batch, so not finished");
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.tax_records WHERE uscc = ANY($1)",
                (object)usccs
            ),
            Is.Zero,
            "nothing of a half-processed batch is visible"
        );

        await using var successor = WorkerProcess.Start(database.ConnectionString);
        var done = await WaitAsync(
            department,
            queued.Id,
            b => b.Status is BatchStatus.Completed or BatchStatus.Failed,
            TimeSpan.FromSeconds(90),
            "the batch was not completed after the restart"
        );

        Assert.That(done.Status, Is.EqualTo(BatchStatus.Completed), done.FailureReason);
        Assert.That((done.TotalRows, done.AcceptedRows), Is.EqualTo((150_000, 150_000)));
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.tax_records WHERE uscc = ANY($1)",
                (object)usccs
            ),
            Is.EqualTo(150_000)
        );
        Assert.That(
            await ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE batch_id = $1", queued.Id),
            Is.EqualTo(150_000)
        );
        Assert.That(
            await ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'financematch_staging'"),
            Is.Zero,
            "the killed attempt's staging table was rolled back"
        );
    }

    [Test]
    public async Task TwoWorkerProcesses_ProcessEveryBatchExactlyOnce()
    {
        var department = await DepartmentAsync();
        await using var first = WorkerProcess.Start(database.ConnectionString);
        await using var second = WorkerProcess.Start(database.ConnectionString);
        var batches = new List<(Guid Id, string[] Usccs)>();
        for (var i = 0; i < 8; i++)
        {
            var (csv, usccs) = TaxCsv(firms: 500, months: 6);
            batches.Add(((await Batches.PushAsync(department, FeedType.Tax, csv, Batches.Csv)).Id, usccs));
        }

        foreach (var (id, usccs) in batches)
        {
            var done = await WaitAsync(
                department,
                id,
                b => b.Status is BatchStatus.Completed or BatchStatus.Failed,
                TimeSpan.FromSeconds(90),
                "a batch was not processed"
            );
            Assert.That(done.Status, Is.EqualTo(BatchStatus.Completed), done.FailureReason);
            Assert.That(
                await ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE batch_id = $1", id),
                Is.EqualTo(3000)
            );
        }

        // Hangfire's own record: every batch's job entered Processing once and succeeded once.
        var ids = batches.Select(b => b.Id.ToString()).ToArray();
        const string statesOfOurBatches = """
            FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE j.invocationdata::text LIKE '%ProcessBatch%' AND EXISTS (SELECT 1 FROM unnest($1::text[]) id WHERE j.arguments::text LIKE '%' || id || '%')
            """;
        await Eventually.HoldsAsync(
            async () =>
                await ScalarAsync<long>($"SELECT count(*) {statesOfOurBatches} AND s.name = 'Succeeded'", (object)ids)
                == 8,
            TimeSpan.FromSeconds(30),
            "Hangfire did not record every batch job as succeeded"
        );
        var processingStates = await ScalarAsync<long>(
            $"SELECT count(*) {statesOfOurBatches} AND s.name = 'Processing'",
            (object)ids
        );
        Assert.That(processingStates, Is.EqualTo(8), "no batch job was started twice");
    }

    [Test]
    public async Task WorkerKilledMidDelivery_TheWebhookIsStillDelivered_WithTheSameEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.HangNext(1, TimeSpan.FromMinutes(2));
        var @operator = await SignedInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        var created = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Restart Bank", Actors.UniqueCode("BANK"))
        );
        var bank = await SignedInAsync(created.ClientId, created.ClientSecret!);
        var webhook = await bank.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], "restart-test-secret-0123")
        );
        var band = Support.Marketplace.Band();
        await bank.Products.PublishAsync((await bank.Products.CreateAsync(Support.Marketplace.Product(band))).Id);
        var registered = await new FinanceMatchClient(Http()).Enterprises.RegisterAsync(Actors.EnterpriseRequest());
        var firm = await SignedInAsync(registered.ClientId, registered.ClientSecret!);
        await Actors.VerifyAsync(firm, registered);

        await using (var doomed = WorkerProcess.Start(database.ConnectionString, ShortLease))
        {
            await firm.LoanRequests.SubmitAsync(Support.Marketplace.Request(band));
            await Eventually.HoldsAsync(
                () => Task.FromResult(!receiver.Requests.IsEmpty),
                TimeSpan.FromSeconds(60),
                () => "the first worker never posted the delivery: " + string.Join('\n', doomed.Output.TakeLast(20))
            );
            await doomed.KillAsync(); // mid-POST: the receiver has not answered
        }
        var stranded = (await bank.Webhooks.ListDeliveriesAsync(webhook.Id)).Items.Single();
        Assert.That(
            (stranded.Status, stranded.Attempts),
            Is.EqualTo((DeliveryStatus.Pending, 0)),
            "the killed attempt never finished"
        );

        await using var successor = WorkerProcess.Start(database.ConnectionString, ShortLease);
        WebhookDeliveryDto? delivery = null;
        await Eventually.HoldsAsync(
            async () =>
                (delivery = (await bank.Webhooks.ListDeliveriesAsync(webhook.Id)).Items.Single()).Status
                == DeliveryStatus.Delivered,
            TimeSpan.FromSeconds(90),
            () => "the delivery was lost with the worker: " + string.Join('\n', successor.Output.TakeLast(20))
        );

        var requests = receiver.Requests.ToList();
        Assert.That(requests, Has.Count.GreaterThanOrEqualTo(2), "posted again after the restart");
        Assert.That(
            requests.Select(r => (r.EventId, r.Body, r.Signature)).Distinct().Count(),
            Is.EqualTo(1),
            "the same signed event each time"
        );
        Assert.That(delivery!.AttemptLog.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 200 }));
    }

    [Test]
    public async Task TwoApisAndTwoWorkers_UnderLoad_ProcessEveryBatchMatchAndWebhookOnce()
    {
        await using var secondApi = await WorkerProcess.StartApiAsync(database.ConnectionString, LoopbackWebhooks);
        await using var firstWorker = WorkerProcess.Start(database.ConnectionString, LoopbackWebhooks);
        await using var secondWorker = WorkerProcess.Start(database.ConnectionString, LoopbackWebhooks);
        await using var receiver = await WebhookReceiver.StartAsync();
        var apis = new[] { api, secondApi };
        var @operator = await SignedInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        var band = Support.Marketplace.Band();
        var banks = new List<Guid>();
        for (var b = 0; b < 3; b++)
        {
            var created = await @operator.Institutions.CreateAsync(
                new CreateInstitutionBody($"Busy Bank {b}", Actors.UniqueCode("BANK"))
            );
            var bank = await SignedInAsync(created.ClientId, created.ClientSecret!, apis[b % 2]);
            await bank.Webhooks.RegisterAsync(
                new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], "busy-bank-secret-0123456")
            );
            await bank.Products.PublishAsync((await bank.Products.CreateAsync(Support.Marketplace.Product(band))).Id);
            banks.Add(created.Id);
        }
        var department = await DepartmentAsync();
        var firms = new List<FinanceMatchClient>();
        for (var f = 0; f < 10; f++)
        {
            var registered = await new FinanceMatchClient(Http(apis[f % 2])).Enterprises.RegisterAsync(
                Actors.EnterpriseRequest()
            );
            firms.Add(await SignedInAsync(registered.ClientId, registered.ClientSecret!, apis[(f + 1) % 2]));
            await Actors.VerifyAsync(firms[^1], registered);
        }

        // The load: 40 loan requests and 6 feed batches at once, through both APIs, for both workers to share.
        var requests = new ConcurrentBag<Guid>();
        var batches = new ConcurrentBag<Guid>();
        await Task.WhenAll(
            Parallel.ForEachAsync(
                Enumerable.Range(0, 40),
                new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, ct) =>
                    requests.Add(
                        (
                            await firms[i % firms.Count]
                                .LoanRequests.SubmitAsync(Support.Marketplace.Request(band), cancellationToken: ct)
                        ).Id
                    )
            ),
            Parallel.ForEachAsync(
                Enumerable.Range(0, 6),
                new ParallelOptions { MaxDegreeOfParallelism = 3 },
                async (i, ct) =>
                    batches.Add(
                        (
                            await Batches.PushAsync(
                                department,
                                FeedType.Tax,
                                TaxCsv(firms: 200, months: 3).Csv,
                                Batches.Csv
                            )
                        ).Id
                    )
            )
        );

        foreach (var id in batches)
        {
            var done = await WaitAsync(
                department,
                id,
                b => b.Status is BatchStatus.Completed or BatchStatus.Failed,
                TimeSpan.FromSeconds(90),
                "a batch was not processed"
            );
            Assert.That((done.Status, done.AcceptedRows), Is.EqualTo((BatchStatus.Completed, 600)));
        }
        await Eventually.HoldsAsync(
            async () =>
                await ScalarAsync<long>(
                    "SELECT count(*) FROM financematch.loan_requests WHERE id = ANY($1) AND status = 'Matched'",
                    (object)requests.ToArray()
                ) == 40,
            TimeSpan.FromSeconds(90),
            "not every loan request was matched"
        );
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.matches WHERE loan_request_id = ANY($1)",
                (object)requests.ToArray()
            ),
            Is.EqualTo(40 * 3),
            "each request matched once, to each of the three banks"
        );
        await Eventually.HoldsAsync(
            async () =>
                await ScalarAsync<long>(
                    "SELECT count(*) FROM financematch.webhook_deliveries WHERE institution_id = ANY($1) AND status = 'Delivered'",
                    (object)banks.ToArray()
                ) == 120,
            TimeSpan.FromSeconds(90),
            "not every match was delivered to its bank's webhook"
        );
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.webhook_deliveries WHERE institution_id = ANY($1)",
                (object)banks.ToArray()
            ),
            Is.EqualTo(120),
            "one delivery per match"
        );
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.webhook_delivery_attempts a JOIN financematch.webhook_deliveries d ON d.id = a.delivery_id WHERE d.institution_id = ANY($1)",
                (object)banks.ToArray()
            ),
            Is.EqualTo(120),
            "each delivered in one attempt"
        );
        var received = receiver.Requests.ToList();
        Assert.That(received.Select(r => r.EventId).Distinct().Count(), Is.EqualTo(120));
        Assert.That(received, Has.Count.EqualTo(120), "no event posted twice");
        Assert.That(
            await ScalarAsync<long>(MatchedOnceSql, (object)requests.ToArray()),
            Is.EqualTo(40),
            "each request matched once: all its matches written together, at the moment it was marked matched"
        );
    }

    /// <summary>Requests (of those in $1) whose matches were all written in one transaction, the one that marked the request matched.</summary>
    private const string MatchedOnceSql = """
        SELECT count(*) FROM financematch.loan_requests r
        WHERE r.id = ANY($1) AND r.status = 'Matched'
          AND (SELECT count(DISTINCT m.created_at) FROM financematch.matches m WHERE m.loan_request_id = r.id) = 1
          AND r.matched_at = (SELECT min(m.created_at) FROM financematch.matches m WHERE m.loan_request_id = r.id)
        """;

    [Test]
    public async Task RequestsPostedWhileNoWorkerRuns_QueueAtMostEightMatchingRuns_AndAreEachMatchedOnceWhenAWorkerStarts_RunsHandingOver()
    {
        var @operator = await SignedInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        var band = Support.Marketplace.Band();
        var created = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Queued Bank", Actors.UniqueCode("BANK"))
        );
        var bank = await SignedInAsync(created.ClientId, created.ClientSecret!);
        await bank.Products.PublishAsync((await bank.Products.CreateAsync(Support.Marketplace.Product(band))).Id);
        var firms = new List<FinanceMatchClient>();
        for (var f = 0; f < 5; f++)
        {
            var registered = await new FinanceMatchClient(Http()).Enterprises.RegisterAsync(Actors.EnterpriseRequest());
            firms.Add(await SignedInAsync(registered.ClientId, registered.ClientSecret!));
            await Actors.VerifyAsync(firms[^1], registered);
        }
        const string queuedRunsSql = """
            SELECT count(*) FROM hangfire.job
            WHERE statename = 'Enqueued' AND invocationdata ->> 'Type' LIKE 'FinanceMatch.Api.Features.Matching.MatchWaitingRequests+Job,%'
            """;

        // No worker runs: the API process has role "api".
        var requests = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, 30),
            new ParallelOptions { MaxDegreeOfParallelism = 6 },
            async (i, ct) =>
                requests.Add(
                    (
                        await firms[i % firms.Count]
                            .LoanRequests.SubmitAsync(Support.Marketplace.Request(band), cancellationToken: ct)
                    ).Id
                )
        );

        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.pending_job_triggers WHERE name LIKE 'match-waiting-requests:%'"
            ),
            Is.EqualTo(8),
            "every one of the eight trigger slots is taken, by runs that have not started"
        );
        Assert.That(
            await ScalarAsync<long>(queuedRunsSql),
            Is.InRange(1, 8),
            "thirty requests queued at most eight runs, not a job each"
        );

        // Two requests a run: the eight queued runs cover sixteen, so the rest need the runs each hands over to.
        await using var worker = WorkerProcess.Start(
            database.ConnectionString,
            new Dictionary<string, string> { ["Matching__RequestsPerRun"] = "2" }
        );
        await Eventually.HoldsAsync(
            async () =>
                await ScalarAsync<long>(
                    "SELECT count(*) FROM financematch.loan_requests WHERE id = ANY($1) AND status <> 'Matching'",
                    (object)requests.ToArray()
                ) == 30,
            TimeSpan.FromSeconds(90),
            "not every loan request was matched once a worker ran"
        );
        Assert.That(await ScalarAsync<long>(MatchedOnceSql, (object)requests.ToArray()), Is.EqualTo(30));
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.matches WHERE loan_request_id = ANY($1)",
                (object)requests.ToArray()
            ),
            Is.EqualTo(30),
            "one match each, with the one bank"
        );
        await Eventually.HoldsAsync(
            async () => await ScalarAsync<long>(queuedRunsSql) == 0,
            TimeSpan.FromSeconds(30),
            "a queued run never started"
        );
        Assert.That(
            await ScalarAsync<long>(
                "SELECT count(*) FROM financematch.pending_job_triggers WHERE name LIKE 'match-waiting-requests:%'"
            ),
            Is.Zero,
            "each run freed its slot as it started"
        );
    }

    /// <summary>
    /// The image's HEALTHCHECK (`dotnet FinanceMatch.Api.dll probe`, no curl): an API process by its own readiness, a worker by
    /// the heartbeat its readiness checks write; and a worker's metrics on a port of its own (docs/RELIABILITY.md).
    /// </summary>
    [Test]
    public async Task TheContainerProbe_CallsAnApiHealthyByItsReadiness_AndAWorkerByItsHeartbeat_WhoseMetricsHaveAPort()
    {
        Assert.That(await ProbeAsync([$"{api.BaseAddress}health/ready"]), Is.Zero, "the API is ready");
        Assert.That(await ProbeAsync(["http://127.0.0.1:9/health/ready"]), Is.EqualTo(1), "nothing listens there");

        var heartbeat = Path.Combine(Path.GetTempPath(), $"financematch-heartbeat-{Guid.NewGuid():N}");
        var metricsPort = WorkerProcess.FreePort();
        Assert.That(
            await ProbeAsync([], new() { ["Health__HeartbeatFile"] = heartbeat }),
            Is.EqualTo(1),
            "no heartbeat yet"
        );
        await using var worker = WorkerProcess.Start(
            database.ConnectionString,
            new Dictionary<string, string>
            {
                ["Health__HeartbeatFile"] = heartbeat,
                ["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        try
        {
            await Eventually.HoldsAsync(
                () => Task.FromResult(File.Exists(heartbeat)),
                TimeSpan.FromSeconds(60),
                "the worker never wrote its heartbeat"
            );
            Assert.That(await ProbeAsync([], new() { ["Health__HeartbeatFile"] = heartbeat }), Is.Zero);
            using var http = new HttpClient();
            var scrape = await http.GetStringAsync(new Uri($"http://localhost:{metricsPort}/metrics"));
            Assert.That(scrape, Does.Contain("process_runtime_dotnet").Or.Contain("dotnet_"), "the runtime's metrics");
        }
        finally
        {
            File.Delete(heartbeat);
        }
    }

    private static async Task<int> ProbeAsync(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(
            "dotnet",
            [WorkerProcess.BuiltAssembly("FinanceMatch.Api"), "probe", .. arguments]
        )
        {
            RedirectStandardOutput = true,
        };
        foreach (var (key, value) in environment ?? [])
            start.Environment[key] = value;
        using var probe = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await probe.StandardOutput.ReadToEndAsync(timeout.Token);
        await probe.WaitForExitAsync(timeout.Token);
        return probe.ExitCode;
    }
}

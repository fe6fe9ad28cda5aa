using System.Net;
using System.Text.Json.Nodes;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Feeds;

public sealed class PullSourceTests
{
    private static JsonArray TaxRecords(params string[] usccs) =>
        new(
            usccs
                .Select(u =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["uscc"] = u,
                            ["period"] = Batches.Month(1),
                            ["taxPaid"] = 100,
                            ["taxableRevenue"] = 1000,
                        }
                )
                .ToArray()
        );

    private static async Task<(FakeDepartmentServer Server, FeedSourceDto Source, string[] Usccs)> ThreePagesAsync()
    {
        var server = await FakeDepartmentServer.StartAsync();
        var usccs = Enumerable.Range(0, 5).Select(_ => Usccs.Next()).ToArray();
        server.Page(null, TaxRecords(usccs[0], usccs[1]), "c1");
        server.Page("c1", TaxRecords(usccs[2], usccs[3]), "c2");
        server.Page("c2", TaxRecords(usccs[4]), null);
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var @operator = await TestRun.OperatorAsync();
        var source = await @operator.Feeds.CreateSourceAsync(
            new CreateFeedSourceBody(department.Created.Id, FeedType.Tax, server.BaseUrl, "0 3 * * *", "secret-key")
        );
        return (server, source, usccs);
    }

    private static Task<long> BatchesOfAsync(Guid sourceId) =>
        Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.feed_batches WHERE source_id = $1", sourceId);

    private static Task<long> RecordsAsync(string[] usccs) =>
        Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE uscc = ANY($1)", (object)usccs);

    private static async Task<FeedSourceDto> WaitForSourceAsync(Guid id, Func<FeedSourceDto, bool> condition)
    {
        var @operator = await TestRun.OperatorAsync();
        FeedSourceDto? source = null;
        await Eventually.HoldsAsync(
            async () => condition(source = await @operator.Feeds.GetSourceAsync(id)),
            TimeSpan.FromSeconds(30),
            "the pull did not get there"
        );
        return source!;
    }

    [Test]
    public async Task Run_PullsEveryPageIntoBatches_AndAdvancesTheCursor()
    {
        var (server, source, usccs) = await ThreePagesAsync();
        await using var _ = server;
        var @operator = await TestRun.OperatorAsync();

        var run = await @operator.Feeds.RunSourceAsync(source.Id);

        Assert.That(run.JobId, Is.Not.Empty);
        var pulled = await WaitForSourceAsync(
            source.Id,
            s => s.Cursor == "c2" && s.LastPulledAt is not null && RecordsAsync(usccs).Result == 5
        );
        Assert.That(pulled.LastError, Is.Null);
        Assert.That(await BatchesOfAsync(source.Id), Is.EqualTo(3));
        Assert.That(server.Requests.Select(r => r.Cursor), Is.EqualTo(new[] { null, "c1", "c2" }));
        Assert.That(
            server.Requests,
            Has.All.Matches<(string? Cursor, string? FeedType, string? Limit, string? ApiKey)>(r =>
                r.FeedType == "tax" && r.Limit == "1000" && r.ApiKey == "secret-key"
            )
        );
        Assert.That(pulled.HasApiKey, Is.True);
    }

    [Test]
    public async Task TransientServerErrors_AreRetried_WithoutRepeatingAPage()
    {
        var (server, source, usccs) = await ThreePagesAsync();
        await using var _ = server;
        server.FailNext(2);

        await (await TestRun.OperatorAsync()).Feeds.RunSourceAsync(source.Id);

        await WaitForSourceAsync(source.Id, s => s.Cursor == "c2" && RecordsAsync(usccs).Result == 5);
        Assert.That(await BatchesOfAsync(source.Id), Is.EqualTo(3));
        Assert.That(server.Requests.Count(r => r.Cursor is null), Is.EqualTo(3), "two failed attempts and one success");
    }

    [Test]
    public async Task ServerDownMidway_KeepsTheCommittedCursor_AndTheNextRunContinuesFromIt()
    {
        var (server, source, usccs) = await ThreePagesAsync();
        await using var _ = server;
        var @operator = await TestRun.OperatorAsync();
        // The first page succeeds, then the server fails for longer than the in-job retries.
        server.FailAt("c1", 1000);
        await @operator.Feeds.RunSourceAsync(source.Id);

        var failed = await WaitForSourceAsync(source.Id, s => s.LastError is not null);
        Assert.That(failed.Cursor, Is.EqualTo("c1"));
        Assert.That(failed.LastError, Does.Contain("/records"));
        Assert.That(await BatchesOfAsync(source.Id), Is.EqualTo(1));

        server.FailAt("c1", 0);
        await @operator.Feeds.RunSourceAsync(source.Id);
        await WaitForSourceAsync(
            source.Id,
            s => s.Cursor == "c2" && s.LastError is null && RecordsAsync(usccs).Result == 5
        );
        Assert.That(await BatchesOfAsync(source.Id), Is.EqualTo(3));
        Assert.That(
            server.Requests.Count(r => r.Cursor is null),
            Is.EqualTo(1),
            "the first page is never fetched again"
        );
    }

    [Test]
    public async Task PageStoredByAnInterruptedPull_IsAppliedFirst_NotFetchedAgain()
    {
        var (server, source, usccs) = await ThreePagesAsync();
        await using var _ = server;
        var batchId = Guid.NewGuid();
        var payload = System.Text.Encoding.UTF8.GetBytes(TaxRecords(usccs[0], usccs[1]).ToJsonString());
        await Sql.ExecuteAsync(
            """
            INSERT INTO financematch.feed_batches (id, department_id, feed_type, format, status, received_at, payload_bytes, total_rows,
                accepted_rows, rejected_rows, progress, source_id, source_next_cursor)
            VALUES ($1, $2, 'Tax', 'Json', 'Queued', now(), $3, 0, 0, 0, 0, $4, 'c1')
            """,
            batchId,
            source.DepartmentId,
            (long)payload.Length,
            source.Id
        );
        await Sql.ExecuteAsync(
            "INSERT INTO financematch.feed_batch_chunks (batch_id, sequence, data) VALUES ($1, 0, $2)",
            batchId,
            payload
        );

        await (await TestRun.OperatorAsync()).Feeds.RunSourceAsync(source.Id);

        await WaitForSourceAsync(source.Id, s => s.Cursor == "c2" && RecordsAsync(usccs).Result == 5);
        Assert.That(server.Requests.Select(r => r.Cursor), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(await BatchesOfAsync(source.Id), Is.EqualTo(3));
    }

    [TestCase("cron", "every day")]
    [TestCase("cron", "61 * * * *")]
    [TestCase("baseUrl", "ftp://example.org")]
    [TestCase("baseUrl", "not a url")]
    public async Task InvalidSource_Is400(string field, string value)
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var request = new CreateFeedSourceBody(
            department.Created.Id,
            FeedType.Tax,
            "http://127.0.0.1:9/dept",
            "0 3 * * *"
        );
        request = field == "cron" ? request with { Cron = value } : request with { BaseUrl = value };
        await Problems.ExpectFieldErrorAsync(
            field,
            async () => await (await TestRun.OperatorAsync()).Feeds.CreateSourceAsync(request)
        );
    }

    [Test]
    public async Task SourceForAFeedTypeTheDepartmentLacks_OrAnUnknownDepartment_Is422()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                @operator.Feeds.CreateSourceAsync(
                    new CreateFeedSourceBody(
                        department.Created.Id,
                        FeedType.Utility,
                        "http://127.0.0.1:9/dept",
                        "0 3 * * *"
                    )
                )
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                @operator.Feeds.CreateSourceAsync(
                    new CreateFeedSourceBody(Guid.NewGuid(), FeedType.Tax, "http://127.0.0.1:9/dept", "0 3 * * *")
                )
        );
    }

    [Test]
    public async Task Sources_AreForOperatorsOnly()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var request = new CreateFeedSourceBody(
            department.Created.Id,
            FeedType.Tax,
            "http://127.0.0.1:9/dept",
            "0 3 * * *"
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => department.Client.Feeds.CreateSourceAsync(request));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => department.Client.Feeds.ListSourcesAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Feeds.RunSourceAsync(Guid.NewGuid())
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            async () => await (await TestRun.OperatorAsync()).Feeds.RunSourceAsync(Guid.NewGuid())
        );
    }

    [Test]
    public async Task CreatedSource_IsScheduledAsARecurringJob()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var source = await (await TestRun.OperatorAsync()).Feeds.CreateSourceAsync(
            new CreateFeedSourceBody(department.Created.Id, FeedType.Tax, "http://127.0.0.1:9/dept", "*/5 * * * *")
        );

        using var connection = Microsoft
            .Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Hangfire.JobStorage>(
                TestRun.App.Services
            )
            .GetConnection();
        var job = Hangfire
            .Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
            .Single(j => j.Id == $"feed-source-{source.Id}");
        Assert.That(job.Cron, Is.EqualTo("*/5 * * * *"));
        Assert.That(job.Job.Type, Is.EqualTo(typeof(FinanceMatch.Api.Features.Feeds.PullFeedSource.Job)));
        Assert.That(job.Job.Queue, Is.EqualTo("ingest"));
    }
}

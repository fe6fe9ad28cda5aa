using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Platform;

public sealed class PlatformTests
{
    [Test]
    public async Task HealthLive_And_Ready_ReportDatabaseAndJobStorage()
    {
        using var http = TestRun.Http();
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var ready = JsonDocument
            .Parse(await http.GetStringAsync(new Uri("/health/ready", UriKind.Relative)))
            .RootElement;
        Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(
            ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(),
            Is.EqualTo("healthy")
        );
        Assert.That(
            ready.GetProperty("checks").GetProperty("jobStorage").GetProperty("status").GetString(),
            Is.EqualTo("healthy")
        );
    }

    /// <summary>
    /// Development (scripts/run.sh) checks at start that every registered service can be built, which the test run's
    /// Testing environment does not: a validator with a dependency the container cannot supply once stopped the API there.
    /// </summary>
    [Test]
    public async Task TheApi_StartsInDevelopment_AsScriptsRunShStartsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }
        );

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var token = await new FinanceMatch.Client.FinanceMatchClient(http).Auth.GetTokenAsync(
            new FinanceMatch.Client.Contracts.TokenBody(
                FinanceMatchApp.OperatorClientId,
                FinanceMatchApp.OperatorSecret
            )
        );
        Assert.That(token.AccessToken, Is.Not.Empty);
    }

    [Test]
    public async Task ServedOpenApiDocument_MatchesTheCommittedFile()
    {
        using var http = TestRun.Http();
        var served = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var committed = JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "openapi", "v1.json"))
        );

        Assert.That(
            JsonNode.DeepEquals(served, committed),
            Is.True,
            "openapi/v1.json is out of date: build src/FinanceMatch.Api (outside CI) to regenerate it, then commit it."
        );
        Assert.That(
            served!["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>(),
            Is.EqualTo("bearer")
        );
    }

    [Test]
    public async Task SwaggerUi_IsServed()
    {
        using var http = TestRun.Http();
        using var response = await http.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }

    [Test]
    public async Task JobDashboard_IsForOperatorsOnly()
    {
        using var anonymous = TestRun.Http();
        using var refused = await anonymous.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var bank = await Actors.BankAsync();
        using var forbidden = await bank.Client.Http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var @operator = await TestRun.OperatorAsync();
        using var allowed = await @operator.Http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await allowed.Content.ReadAsStringAsync(), Does.Contain("FinanceMatch jobs"));
    }

    [Test]
    public async Task HangfireServer_RunsJobsOnPostgreSql_PurgingExpiredIdempotencyKeys()
    {
        var staleKey = Guid.NewGuid().ToString();
        await using (var connection = new NpgsqlConnection(TestRun.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO financematch.idempotency_keys (caller_scope, key, request_hash, created_at) VALUES ('test', $1, 'x', now() - interval '3 days')",
                connection
            );
            insert.Parameters.Add(new() { Value = staleKey });
            await insert.ExecuteNonQueryAsync();
        }
        var jobs = TestRun.App.Services.GetRequiredService<IBackgroundJobClient>();

        jobs.Enqueue<PurgeExpiredIdempotencyKeys.Job>(job => job.Run(CancellationToken.None));

        await Eventually.HoldsAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(TestRun.Database.ConnectionString);
                await connection.OpenAsync();
                await using var count = new NpgsqlCommand(
                    "SELECT count(*) FROM financematch.idempotency_keys WHERE key = $1",
                    connection
                );
                count.Parameters.Add(new() { Value = staleKey });
                return (long)(await count.ExecuteScalarAsync())! == 0;
            },
            TimeSpan.FromSeconds(20),
            "the purge job did not run"
        );
    }

    [Test]
    public async Task RecurringJobs_AreRegisteredWithStableIds()
    {
        using var connection = TestRun.App.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
        Assert.That(recurring.Select(r => r.Id), Does.Contain("purge-idempotency-keys"));
        await Task.CompletedTask;
    }

    [TestCase("{\"name\": ", "application/json", HttpStatusCode.BadRequest)]
    [TestCase("[1,2,3]", "application/json", HttpStatusCode.BadRequest)]
    [TestCase("{\"name\": 12, \"code\": true}", "application/json", HttpStatusCode.BadRequest)]
    [TestCase("name=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [TestCase("<xml/>", "application/xml", HttpStatusCode.UnsupportedMediaType)]
    public async Task MalformedBodies_AreProblemResponses_NeverServerErrors(
        string body,
        string contentType,
        HttpStatusCode expected
    )
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.PostAsync(
            new Uri("/api/v1/institutions", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, contentType)
        );
        await Problems.ExpectRawAsync(expected, response);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.TryGetProperty("traceId", out _), Is.True);
    }

    [Test]
    public async Task HugeNumber_IsA400OnItsField()
    {
        using var http = TestRun.Http();
        using var response = await http.PostAsync(
            new Uri("/api/v1/enterprises", UriKind.Relative),
            new StringContent("{\"registeredCapital\": 1e400}", Encoding.UTF8, "application/json")
        );
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, response);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"registeredCapital\""));
    }

    [TestCase("/api/v1/institutions/not-a-guid")]
    [TestCase("/api/v1/enterprises/123")]
    [TestCase("/api/v1/nothing-here")]
    public async Task UnknownPaths_Are404Problems(string path)
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.GetAsync(new Uri(path, UriKind.Relative));
        await Problems.ExpectRawAsync(HttpStatusCode.NotFound, response);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinanceMatch.sln")))
            directory = directory.Parent;
        return directory?.FullName
            ?? throw new InvalidOperationException("FinanceMatch.sln not found above the test binaries.");
    }
}

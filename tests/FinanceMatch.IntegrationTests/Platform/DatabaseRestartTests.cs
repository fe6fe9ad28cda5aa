using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FinanceMatch.IntegrationTests.Support;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// PostgreSQL restarted under load: an API process on a cluster of its own, eight clients registering firms without
/// pause, the cluster stopped for four seconds and started again. While it is down the API answers 503 (never 500); it
/// recovers by itself within 5 s of the database's return; every registration answered 201 is in the database.
/// </summary>
[NonParallelizable]
public sealed class DatabaseRestartTests
{
    [Test]
    public async Task WhileTheDatabaseRestarts_The503sAreHonest_RecoveryIsQuick_AndNoAcknowledgedWriteIsLost()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var api = await WorkerProcess.StartApiAsync(
            cluster.ConnectionString,
            new Dictionary<string, string>()
        );
        var outcomes = new ConcurrentQueue<(TimeSpan At, int Status, string Uscc)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable
            .Range(0, 8)
            .Select(_ =>
                Task.Run(async () =>
                {
                    using var http = new HttpClient
                    {
                        BaseAddress = api.BaseAddress,
                        Timeout = TimeSpan.FromSeconds(10),
                    };
                    while (!stop.IsCancellationRequested)
                    {
                        var uscc = Usccs.Next();
                        var response = await http.PostAsJsonAsync(
                            "/api/v1/enterprises",
                            Actors.EnterpriseRequest(uscc),
                            Client.FinanceMatchJson.Options
                        );
                        outcomes.Enqueue((clock.Elapsed, (int)response.StatusCode, uscc));
                        if (!response.IsSuccessStatusCode)
                        {
                            Assert.That(
                                response.Content.Headers.ContentType?.MediaType,
                                Is.EqualTo("application/problem+json")
                            );
                            await Task.Delay(50);
                        }
                    }
                })
            )
            .ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var stopped = clock.Elapsed;
        await cluster.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        using (var probe = new HttpClient { BaseAddress = api.BaseAddress })
        {
            Assert.That(
                (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode,
                Is.EqualTo(HttpStatusCode.ServiceUnavailable)
            );
            Assert.That(
                (await probe.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode,
                Is.EqualTo(HttpStatusCode.OK)
            );
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        await cluster.StartAgainAsync();
        var back = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(7));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var all = outcomes.ToList();
        Assert.That(
            all.Where(o => o.Status >= 500 && o.Status != 503),
            Is.Empty,
            "a database outage is 503, never another 5xx; the API said:\n"
                + string.Join(
                    '\n',
                    api.Output.SkipWhile(l => !l.Contains("Unhandled exception", StringComparison.Ordinal)).Take(30)
                )
        );
        Assert.That(
            all.Count(o => o.Status == 503 && o.At > stopped && o.At < back),
            Is.GreaterThan(0),
            "the outage was seen as 503"
        );
        Assert.That(
            all.Count(o => o.Status == 201 && o.At < stopped),
            Is.GreaterThan(0),
            "writes succeeded before the outage"
        );
        var firstAfter = all.Where(o => o.Status == 201 && o.At > back)
            .Select(o => o.At)
            .DefaultIfEmpty(TimeSpan.MaxValue)
            .Min();
        Assert.That(
            firstAfter - back,
            Is.LessThan(TimeSpan.FromSeconds(5)),
            "the API recovers by itself within 5 s of the database's return"
        );
        Assert.That(
            all.Where(o => o.At > back + TimeSpan.FromSeconds(5)).Select(o => o.Status),
            Has.All.EqualTo(201),
            "and stays recovered"
        );

        var acknowledged = all.Where(o => o.Status == 201).Select(o => o.Uscc).ToArray();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM financematch.enterprises WHERE uscc = ANY($1)",
            connection
        )
        {
            Parameters = { new() { Value = acknowledged } },
        };
        Assert.That(
            (long)(await count.ExecuteScalarAsync())!,
            Is.EqualTo(acknowledged.Length),
            "every write answered 201 is there"
        );
        TestContext.Out.WriteLine(
            $"{all.Count} writes: {acknowledged.Length} acknowledged, {all.Count(o => o.Status == 503)} answered 503; "
                + $"first success {(firstAfter - back).TotalSeconds:0.00} s after the database returned"
        );
    }
}

using System.Diagnostics;
using FinanceMatch.Api.Jobs;
using FinanceMatch.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>How jobs share workers: matching has workers nothing else can take, and sweeps never park a worker.</summary>
public sealed class JobQueueTests
{
    [Test]
    public void MatchingQueue_HasAServerOfItsOwn()
    {
        var servers = TestRun
            .App.Services.GetRequiredService<JobStorage>()
            .GetMonitoringApi()
            .Servers()
            .Where(s => s.Name.Contains($":{Environment.ProcessId}:", StringComparison.Ordinal))
            .ToList();

        Assert.That(
            servers.Where(s => s.Queues.Contains(JobQueues.Matching)).Select(s => s.Queues),
            Is.EqualTo(new[] { new[] { JobQueues.Matching } }),
            "one server takes the matching queue, and nothing else"
        );
        Assert.That(
            servers.Select(s => s.Queues.Single()),
            Is.EquivalentTo(new[] { JobQueues.Matching, JobQueues.Default, JobQueues.Ingest, JobQueues.Webhooks })
        );
    }

    [Test]
    public void RecurringSweeps_RunOnTheDefaultQueue_NeverOnMatching()
    {
        using var connection = TestRun.App.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Hangfire
            .Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
            .Where(r => !r.Id.StartsWith("feed-source", StringComparison.Ordinal))
            .ToList();

        Assert.That(
            recurring.Select(r => r.Id),
            Does.Contain(HangfireSetup.ExpireUnansweredMatchesJobId).And.Contain("rematch-stalled-requests")
        );
        Assert.That(recurring.Where(r => r.Queue != JobQueues.Default).Select(r => $"{r.Id} on {r.Queue}"), Is.Empty);
    }

    [Test]
    public async Task ExclusiveRun_WhileAnotherRunHoldsIt_SkipsAtOnceInsteadOfWaiting()
    {
        var exclusive = TestRun.App.Services.GetRequiredService<ExclusiveRun>();
        var name = $"test-sweep-{Guid.NewGuid():N}";
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var first = exclusive.RunAsync(
            name,
            async _ =>
            {
                started.SetResult();
                await release.Task;
            },
            CancellationToken.None
        );
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        var secondRan = false;
        var second = await exclusive.RunAsync(
            name,
            _ =>
            {
                secondRan = true;
                return Task.CompletedTask;
            },
            CancellationToken.None
        );
        Assert.That((second, secondRan), Is.EqualTo((false, false)), "skipped while the first run holds it");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "without waiting for the first run");

        release.SetResult();
        Assert.That(await first, Is.True);
        Assert.That(
            await exclusive.RunAsync(name, _ => Task.CompletedTask, CancellationToken.None),
            Is.True,
            "free again once the first run ended"
        );
    }

    [Test]
    public async Task ExclusiveRun_HeldByAProcessThatDied_IsFreeTheMomentItsConnectionIsGone()
    {
        var exclusive = TestRun.App.Services.GetRequiredService<ExclusiveRun>();
        var name = $"test-sweep-{Guid.NewGuid():N}";
        // Another process's run, taken the way ExclusiveRun takes it, on a connection of its own.
        await using var doomed = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await doomed.OpenAsync();
        await using var transaction = await doomed.BeginTransactionAsync();
        await using (
            var take = new NpgsqlCommand(
                "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))",
                doomed,
                transaction
            )
        )
        {
            take.Parameters.Add(new() { Value = name });
            Assert.That(await take.ExecuteScalarAsync(), Is.True);
        }
        Assert.That(
            await exclusive.RunAsync(name, _ => Task.CompletedTask, CancellationToken.None),
            Is.False,
            "held by the other process"
        );

        await Sql.ExecuteAsync("SELECT pg_terminate_backend($1)", doomed.ProcessID); // its process died: the server drops the session

        await Eventually.HoldsAsync(
            async () => await exclusive.RunAsync(name, _ => Task.CompletedTask, CancellationToken.None),
            TimeSpan.FromSeconds(5),
            "the lock outlived the connection that held it"
        );
    }
}

using System.Globalization;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Profiles;
using FinanceMatch.IntegrationTests.Support;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Profiles;

/// <summary>
/// A large burst of rebuild requests waits while feed batches are still being processed, and is rebuilt once the last
/// of them finishes. A batch left in flight would hold every drain of the platform back, so this runs on a platform of
/// its own (its own database, API and worker processes).
/// </summary>
[NonParallelizable]
public sealed class RebuildDrainTests
{
    [Test]
    public async Task ALargeBurst_WaitsForTheBatchStillInFlight_ThenIsRebuiltWhenTheLastOneFinishes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>()
        );
        await using var worker = WorkerProcess.Start(
            database.ConnectionString,
            new Dictionary<string, string> { ["Profiles__RebuildDelaySeconds"] = "1" }
        );
        await using var sql = NpgsqlDataSource.Create(database.ConnectionString);
        Task<long> RequestsAsync() =>
            Api.Infrastructure.Sql.ScalarAsync<long>(
                sql,
                "SELECT count(*) FROM financematch.profile_rebuild_requests",
                CancellationToken.None
            );
        var anonymous = new FinanceMatchClient(new HttpClient { BaseAddress = api.BaseAddress });
        Task<FinanceMatchClient> SignInAsync(string clientId, string secret) =>
            TestRun.SignInAsync(api.BaseAddress!, clientId, secret);
        var @operator = await SignInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody("Tax", Actors.UniqueCode("DEPT"), [FeedType.Tax])
        );
        var tax = await SignInAsync(department.ClientId, department.ClientSecret!);
        var registered = await anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest());
        var firm = await SignInAsync(registered.ClientId, registered.ClientSecret!);
        await Actors.VerifyAsync(firm, registered);
        var verifiedProfile = await firm.Profiles.GetAsync(registered.Id);
        Assert.That(verifiedProfile.Rated, Is.False, "no data yet");

        // Another department's batch is still being processed, and a burst as large as one step of the drain waits
        // (20,000 firms that had records but never registered, as a city-wide feed brings).
        var inFlight = Guid.NewGuid();
        await Api.Infrastructure.Sql.ExecuteAsync(
            sql,
            """
            INSERT INTO financematch.feed_batches (id, department_id, feed_type, format, status, received_at, payload_bytes, total_rows,
                accepted_rows, rejected_rows, progress)
            VALUES ($1, $2, 'Tax', 'Csv', 'Processing', now(), 0, 0, 0, 0, 0);
            """,
            CancellationToken.None,
            inFlight,
            department.Id
        );
        await Api.Infrastructure.Sql.ExecuteAsync(
            sql,
            """
            INSERT INTO financematch.profile_rebuild_requests (uscc, requested_at)
            SELECT 'ZZ' || lpad(n::text, 16, '0'), now() FROM generate_series(1, $1) n
            """,
            CancellationToken.None,
            RebuildDrain.StepFirms
        );
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var m = 1; m <= 12; m++)
            csv.Append(CultureInfo.InvariantCulture, $"{registered.Uscc},{Batches.Month(m)},10000,200000\n");
        await Batches.FinishedAsync(tax, (await Batches.PushAsync(tax, FeedType.Tax, csv.ToString(), Batches.Csv)).Id);
        await Task.Delay(TimeSpan.FromSeconds(4)); // the drain the batch asked for ran after a second, and waited
        Assert.That(
            (await firm.Profiles.GetAsync(registered.Id)).Rated,
            Is.False,
            "rebuilt while a batch was still in flight"
        );
        Assert.That(await RequestsAsync(), Is.EqualTo(RebuildDrain.StepFirms + 1), "every request still waiting");

        // The batch in flight ends; the next batch to finish asks for the drain, which rebuilds the whole burst at once.
        await Api.Infrastructure.Sql.ExecuteAsync(
            sql,
            "UPDATE financematch.feed_batches SET status = 'Failed', failure_reason = 'test' WHERE id = $1",
            CancellationToken.None,
            inFlight
        );
        var another = await anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest());
        await Batches.FinishedAsync(
            tax,
            (
                await Batches.PushAsync(
                    tax,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{another.Uscc},{Batches.Month(1)},5000,100000\n",
                    Batches.Csv
                )
            ).Id
        );
        await Eventually.HoldsAsync(
            async () => (await firm.Profiles.GetAsync(registered.Id)).Rated,
            TimeSpan.FromSeconds(60),
            "the firm was never rebuilt after the batch in flight ended"
        );
        await Eventually.HoldsAsync(
            async () => await RequestsAsync() == 0,
            TimeSpan.FromSeconds(60),
            "the rest of the burst was never drained"
        );
    }
}

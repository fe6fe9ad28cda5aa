using System.Net;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Profiles;

/// <summary>
/// An operator asks for every profile to be rebuilt and follows the recompute at its location: queued, running, then
/// completed with every verified firm done. The database is shared with the other tests, so their firms count too.
/// </summary>
public sealed class RecomputeProfilesTests
{
    [Test]
    public async Task Recompute_IsAcceptedAtItsLocation_AndCompletesWithEveryVerifiedFirmRebuilt()
    {
        var firms = new[] { await Actors.EnterpriseAsync(), await Actors.EnterpriseAsync() };
        var before = new List<DateTimeOffset>();
        foreach (var firm in firms)
            before.Add((await firm.Client.Profiles.GetAsync(firm.Created.Id)).ComputedAt);
        var @operator = await TestRun.OperatorAsync();

        ProfileRecomputeDto asked;
        await using var lockHolder = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await lockHolder.OpenAsync();
        await using (var held = await lockHolder.BeginTransactionAsync())
        {
            await TakeRebuildLockAsync(held);
            using var response = await @operator.Http.PostAsync(
                new Uri("/api/v1/profiles/recompute", UriKind.Relative),
                null
            );
            Assert.That(
                response.StatusCode,
                Is.EqualTo(HttpStatusCode.Accepted),
                await response.Content.ReadAsStringAsync()
            );
            asked = (await response.Content.ReadFromJsonAsync<ProfileRecomputeDto>(FinanceMatchJson.Options))!;
            var location = response.Headers.Location!;
            Assert.That(location.ToString(), Is.EqualTo($"/api/v1/profiles/recomputes/{asked.Id}"));
            Assert.That(asked.Status, Is.EqualTo(RecomputeStatus.Queued).Or.EqualTo(RecomputeStatus.Running));

            var again = await @operator.Profiles.RecomputeAsync();

            Assert.That(again.Id, Is.EqualTo(asked.Id), "asked again while one is queued: the same recompute");
            var followed = await @operator.Http.GetFromJsonAsync<ProfileRecomputeDto>(
                location,
                FinanceMatchJson.Options
            );
            Assert.That(followed!.Id, Is.EqualTo(asked.Id));
            Assert.That(followed.FinishedAt, Is.Null);
        }
        // The jobs the asks enqueued found the lock taken; the minutely resume would start it, this does so at once.
        TestRun
            .App.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<RunProfileRebuildRuns.Job>(job => job.ResumeAsync(CancellationToken.None));

        var done = await Recomputes.FinishedAsync(@operator, asked.Id);

        Assert.That(done.Status, Is.EqualTo(RecomputeStatus.Completed), done.FailureReason);
        Assert.That(done.FirmsDone, Is.EqualTo(done.FirmsTotal));
        Assert.That(done.FirmsTotal, Is.GreaterThanOrEqualTo(firms.Length), "other tests' firms count too");
        Assert.That(done.StartedAt, Is.Not.Null.And.GreaterThanOrEqualTo(done.RequestedAt));
        Assert.That(done.FinishedAt, Is.Not.Null.And.GreaterThanOrEqualTo(done.StartedAt!.Value));
        for (var i = 0; i < firms.Length; i++)
        {
            var (id, client) = (firms[i].Created.Id, firms[i].Client);
            Assert.That(
                (await client.Profiles.GetAsync(id)).ComputedAt,
                Is.GreaterThan(before[i]),
                "every verified firm was rebuilt"
            );
            Assert.That(
                await client.Profiles.GetHistoryAsync(id),
                Has.Count.EqualTo(1),
                "an unchanged score leaves no new snapshot"
            );
        }
        Assert.That((await @operator.Profiles.ListRecomputesAsync()).Select(r => r.Id), Does.Contain(asked.Id));
        Assert.That(
            (await @operator.Profiles.RecomputeAsync()).Id,
            Is.Not.EqualTo(asked.Id),
            "once it has finished, asking again starts another"
        );
    }

    [Test]
    public async Task ABankOrAFirm_Gets403_AndAnUnknownRecompute_Is404()
    {
        var bank = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var @operator = await TestRun.OperatorAsync();

        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Profiles.RecomputeAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Profiles.RecomputeAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Profiles.RecomputeAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Profiles.GetRecomputeAsync(Guid.NewGuid())
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Profiles.ListRecomputesAsync());
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => @operator.Profiles.GetRecomputeAsync(Guid.NewGuid()));
    }

    /// <summary>
    /// Takes the lock every rebuild of all firms takes (waiting for a rebuild that holds it to finish) until the transaction
    /// ends, so that no recompute moves on meanwhile: two asks made then see the same one queued.
    /// </summary>
    private static async Task TakeRebuildLockAsync(NpgsqlTransaction transaction)
    {
        await using var take = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            transaction.Connection,
            transaction
        )
        {
            CommandTimeout = 120,
        };
        take.Parameters.Add(new() { Value = RunProfileRebuildRuns.LockName });
        await take.ExecuteNonQueryAsync();
    }
}

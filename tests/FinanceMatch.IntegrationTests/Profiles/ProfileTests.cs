using System.Globalization;
using System.Net;
using System.Text;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Profiles;

public sealed class ProfileTests
{
    /// <summary>Tax for months 0 (the current month, outside every window) to 24, employees and electricity likewise.</summary>
    private static async Task PushHistoryAsync(string uscc, Func<int, decimal> taxPaid, int employees = 50)
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax, FeedType.SocialSecurity, FeedType.Utility);
        var tax = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        var social = new StringBuilder("uscc,period,insuredEmployees,contributionPaid\n");
        var power = new StringBuilder("uscc,period,kind,consumption,amountBilled\n");
        for (var m = 0; m <= 24; m++)
        {
            tax.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},{taxPaid(m)},{taxPaid(m) * 30}\n");
            social.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},{employees},{employees * 1000}\n");
            power.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},electricity,{10_000 + m},{7_000}\n");
        }
        foreach (
            var (type, body) in new[]
            {
                (FeedType.Tax, tax),
                (FeedType.SocialSecurity, social),
                (FeedType.Utility, power),
            }
        )
        {
            var batch = await FinishedAsync(
                department.Client,
                (await PushAsync(department.Client, type, body.ToString(), Csv)).Id
            );
            Assert.That(batch.Status, Is.EqualTo(BatchStatus.Completed), batch.FailureReason);
        }
    }

    private static async Task<ProfileDto> EventuallyAsync(
        FinanceMatchClient client,
        Guid enterpriseId,
        Func<ProfileDto, bool> condition
    )
    {
        ProfileDto? profile = null;
        await Eventually.HoldsAsync(
            async () => condition(profile = await client.Profiles.GetAsync(enterpriseId)),
            TimeSpan.FromSeconds(30),
            "the profile was not rebuilt"
        );
        return profile!;
    }

    [Test]
    public async Task RegisteringAFirmWithData_BuildsItsProfileAtOnce_OverWholeMonthsBeforeTheCurrentOne()
    {
        var uscc = Usccs.Next();
        await PushHistoryAsync(uscc, m => 1000 + m);

        var firm = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
        var profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);

        Assert.That(profile.Rated, Is.True);
        Assert.That(profile.Score, Is.InRange(0, 1000));
        Assert.That(profile.Grade, Is.Not.Null);
        Assert.That(profile.DataCoverage, Is.EqualTo(new DataCoverageDto(24, 24, 24)));
        Assert.That(profile.Metrics.TaxPaidLast12Months, Is.EqualTo(Enumerable.Range(1, 12).Sum(m => 1000m + m)));
        Assert.That(profile.Metrics.InsuredEmployeesLatest, Is.EqualTo(50));
        Assert.That(profile.Metrics.InsuredEmployeesTrend, Is.EqualTo(1d));
        Assert.That(
            profile.Dimensions.Select(d => d.Code),
            Is.EqualTo(new[] { "basic", "operating", "enhancing", "compliance" })
        );
        Assert.That(
            profile.Factors.Select(f => f.Code),
            Does.Contain("taxPaidLast12Months").And.Contain("dishonestDebtor")
        );
        Assert.That(profile.Score, Is.EqualTo(500 + profile.Factors.Sum(f => f.Impact)).Within(profile.Factors.Count));
        Assert.That(profile.ModelVersion, Is.EqualTo("2027.1"));
        Assert.That(await firm.Client.Profiles.GetHistoryAsync(firm.Created.Id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task FirmWithoutData_IsNotRated()
    {
        var firm = await Actors.EnterpriseAsync();
        var profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That((profile.Rated, profile.Score, profile.Grade), Is.EqualTo((false, (int?)null, (string?)null)));
        Assert.That(profile.DataCoverage, Is.EqualTo(new DataCoverageDto(0, 0, 0)));
    }

    [Test]
    public async Task ABatchAfterRegistration_RebuildsTheProfileShortly_AndKeepsASnapshot()
    {
        var firm = await Actors.EnterpriseAsync();
        await PushHistoryAsync(firm.Created.Uscc, _ => 20_000);

        // The three batches may be rebuilt together or one by one (they are pushed a second or more apart): wait for all three.
        var profile = await EventuallyAsync(
            firm.Client,
            firm.Created.Id,
            p => p.DataCoverage == new DataCoverageDto(24, 24, 24)
        );

        Assert.That(profile.Rated, Is.True);
        var history = await firm.Client.Profiles.GetHistoryAsync(firm.Created.Id);
        Assert.That(
            (history[0].Grade, history[0].Score, history[^1].Grade, history.Count >= 2),
            Is.EqualTo((profile.Grade, profile.Score, (string?)null, true)),
            "newest first: rated now, unrated at registration"
        );
    }

    [Test]
    public async Task OpenDishonestDebtorRecord_CapsTheGradeAtC()
    {
        var uscc = Usccs.Next();
        await PushHistoryAsync(uscc, _ => 500_000, employees: 400);
        var firm = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
        var before = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(before.Grade, Is.Not.EqualTo("C"));

        var court = await Actors.DepartmentAsync(FeedType.Judicial);
        await FinishedAsync(
            court.Client,
            (
                await PushAsync(
                    court.Client,
                    FeedType.Judicial,
                    $"{{\"uscc\":\"{uscc}\",\"caseNo\":\"(2026)Yue06Zhi{Guid.NewGuid():N}\",\"filedOn\":\"2026-01-05\",\"kind\":\"dishonestDebtor\",\"amount\":300000}}",
                    Ndjson
                )
            ).Id
        );

        var after = await EventuallyAsync(firm.Client, firm.Created.Id, p => p.Flags.DishonestDebtor);
        Assert.That(after.Grade, Is.EqualTo("C"));
        Assert.That(after.Score, Is.LessThan(350));
        Assert.That(after.Metrics.OpenDishonestDebtorRecords, Is.EqualTo(1));
    }

    [Test]
    public async Task MoreTaxPaid_NeverLowersTheScore_FromRawFeeds()
    {
        var (lower, higher) = (Usccs.Next(), Usccs.Next());
        await PushHistoryAsync(lower, _ => 4_000);
        await PushHistoryAsync(higher, m => 4_000 + 100 * m);

        var a = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(lower));
        var b = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(higher));

        var scoreA = (await a.Client.Profiles.GetAsync(a.Created.Id)).Score;
        var scoreB = (await b.Client.Profiles.GetAsync(b.Created.Id)).Score;
        Assert.That(scoreB!.Value, Is.GreaterThanOrEqualTo(scoreA!.Value));
    }

    [Test]
    public async Task Profile_IsForTheFirmItselfAndOperators()
    {
        var firm = await Actors.EnterpriseAsync();
        var other = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var department = await Actors.DepartmentAsync();

        Assert.That(
            (await (await TestRun.OperatorAsync()).Profiles.GetAsync(firm.Created.Id)).EnterpriseId,
            Is.EqualTo(firm.Created.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Profiles.GetAsync(firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Profiles.GetHistoryAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Profiles.GetAsync(firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => department.Client.Profiles.GetHistoryAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Profiles.GetAsync(firm.Created.Id)
        );
    }

    [Test]
    public async Task ScoringModel_IsPublic()
    {
        var model = await TestRun.Anonymous().Profiles.GetModelAsync();
        Assert.That((model.Version, model.InForce), Is.EqualTo(("2027.1", true)));
        Assert.That(model.Versions, Is.EqualTo(new[] { "2026.2", "2027.1" }));
        Assert.That(
            model.Caps!.Select(c => (c.Code, c.Grade)),
            Does.Contain(("seizure", "BB")).And.Contain(("dishonestDebtor", "C"))
        );
        var old = await TestRun.Anonymous().Profiles.GetModelAsync("2026.2");
        Assert.That(
            (old.Version, old.InForce, old.Dimensions.Count),
            Is.EqualTo(("2026.2", false, 3)),
            "the old version stays readable"
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => TestRun.Anonymous().Profiles.GetModelAsync("1999.1"));
        Assert.That(model.Grades.Select(g => g.Grade), Is.EqualTo(new[] { "AAA", "AA", "A", "BBB", "BB", "B", "C" }));
        Assert.That(model.Dimensions.Sum(d => d.Weight), Is.EqualTo(1).Within(1e-9));
        Assert.That(
            model.Dimensions.SelectMany(d => d.Factors).Select(f => f.Direction).Distinct(),
            Is.EquivalentTo(new[] { "favourable", "unfavourable", "enhancing", "warning" })
        );
    }
}

[NonParallelizable]
public sealed class ProfileRebuildCoalescingTests
{
    [Test]
    public async Task ABurstOfRebuildRequests_SchedulesOneDrain()
    {
        var trigger = TestRun.App.Services.GetRequiredService<ProfileRebuildTrigger>();
        const string countDrains = """
            SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%DrainProfileRebuilds%' AND createdat > now() - interval '1 minute'
            """;
        await Eventually.HoldsAsync(
            async () => await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.pending_job_triggers") == 0,
            TimeSpan.FromSeconds(30),
            "an earlier drain is still pending"
        );
        var before = await Sql.ScalarAsync<long>(countDrains);

        for (var i = 0; i < 25; i++)
            await trigger.RequestAsync(CancellationToken.None);

        Assert.That(await Sql.ScalarAsync<long>(countDrains) - before, Is.EqualTo(1));
    }
}

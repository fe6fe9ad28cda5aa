using System.Globalization;
using System.Net;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Profiles;

public sealed class AlertTests
{
    private static async Task<(Actors.Party<RegisteredEnterprise> Firm, FinanceMatchClient Tax)> HealthyFirmAsync()
    {
        var uscc = Usccs.Next();
        var tax = await Actors.DepartmentAsync(FeedType.Tax, FeedType.SocialSecurity);
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        var social = new StringBuilder("uscc,period,insuredEmployees,contributionPaid\n");
        for (var m = 1; m <= 24; m++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},200000,6000000\n");
            social.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},200,230000\n");
        }
        await FinishedAsync(tax.Client, (await PushAsync(tax.Client, FeedType.Tax, csv.ToString(), Csv)).Id);
        await FinishedAsync(
            tax.Client,
            (await PushAsync(tax.Client, FeedType.SocialSecurity, social.ToString(), Csv)).Id
        );
        var firm = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
        return (firm, tax.Client);
    }

    private static Task<GrantConsentBody> Monitoring(
        Guid institutionId,
        ConsentPurpose purpose = ConsentPurpose.PostLoanMonitoring
    ) =>
        Task.FromResult(
            new GrantConsentBody(
                institutionId,
                null,
                [ConsentScope.Profile],
                purpose,
                DateTimeOffset.UtcNow.AddDays(90)
            )
        );

    private static async Task<List<AlertDto>> AlertsAboutAsync(FinanceMatchClient bank, Guid enterpriseId) =>
        (await bank.Alerts.ListAsync(pageSize: 500)).Items.Where(a => a.EnterpriseId == enterpriseId).ToList();

    [Test]
    public async Task DishonestDebtorAndArrears_RaiseAlertsForMonitoringBanksOnly_OncePerCause()
    {
        var (firm, tax) = await HealthyFirmAsync();
        var watcher = await Actors.BankAsync();
        var assessor = await Actors.BankAsync();
        var stranger = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(firm.Created.Id, await Monitoring(watcher.Created.Id));
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            await Monitoring(assessor.Created.Id, ConsentPurpose.LoanAssessment)
        );

        var court = await Actors.DepartmentAsync(FeedType.Judicial);
        await FinishedAsync(
            court.Client,
            (
                await PushAsync(
                    court.Client,
                    FeedType.Judicial,
                    $"{{\"uscc\":\"{firm.Created.Uscc}\",\"caseNo\":\"C-{Guid.NewGuid():N}\",\"filedOn\":\"2026-02-01\",\"kind\":\"dishonestDebtor\",\"amount\":1}}",
                    Ndjson
                )
            ).Id
        );
        await FinishedAsync(
            tax,
            (
                await PushAsync(
                    tax,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue,arrears\n{firm.Created.Uscc},{Month(1)},200000,6000000,45000\n",
                    Csv
                )
            ).Id
        );

        List<AlertDto> alerts = [];
        await Eventually.HoldsAsync(
            async () =>
                (alerts = await AlertsAboutAsync(watcher.Client, firm.Created.Id))
                    .Select(a => a.Kind)
                    .Distinct()
                    .Count() >= 3,
            TimeSpan.FromSeconds(30),
            "the alerts were not raised"
        );
        Assert.That(
            alerts.Select(a => a.Kind),
            Is.EquivalentTo(new[] { AlertKind.DishonestDebtor, AlertKind.GradeDowngrade, AlertKind.NewArrears })
        );
        Assert.That(alerts.Single(a => a.Kind == AlertKind.NewArrears).Detail, Does.Contain("tax arrears"));
        Assert.That(
            await AlertsAboutAsync(assessor.Client, firm.Created.Id),
            Is.Empty,
            "a loan-assessment consent does not follow the firm"
        );
        Assert.That(await AlertsAboutAsync(stranger.Client, firm.Created.Id), Is.Empty);

        var before = (await firm.Client.Profiles.GetAsync(firm.Created.Id)).ComputedAt;
        await Recomputes.CompletedSinceAsync(await TestRun.OperatorAsync(), DateTimeOffset.UtcNow);
        Assert.That(
            (await firm.Client.Profiles.GetAsync(firm.Created.Id)).ComputedAt,
            Is.GreaterThan(before),
            "no recompute"
        );
        Assert.That(
            await AlertsAboutAsync(watcher.Client, firm.Created.Id),
            Has.Count.EqualTo(alerts.Count),
            "a re-run raises nothing again"
        );
    }

    [Test]
    public async Task EmployeesDownByAThirdOverSixMonths_RaisesAnAlert()
    {
        var (firm, tax) = await HealthyFirmAsync();
        var watcher = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(firm.Created.Id, await Monitoring(watcher.Created.Id));

        await FinishedAsync(
            tax,
            (
                await PushAsync(
                    tax,
                    FeedType.SocialSecurity,
                    $"uscc,period,insuredEmployees,contributionPaid\n{firm.Created.Uscc},{Month(1)},120,130000\n",
                    Csv
                )
            ).Id
        );

        List<AlertDto> alerts = [];
        await Eventually.HoldsAsync(
            async () => (alerts = await AlertsAboutAsync(watcher.Client, firm.Created.Id)).Count > 0,
            TimeSpan.FromSeconds(30),
            "no alert"
        );
        Assert.That(
            alerts.Select(a => a.Kind),
            Is.EqualTo(new[] { AlertKind.EmployeesDecline }),
            "one alert, raised once"
        );
        Assert.That(
            alerts.Single().Detail,
            Does.Contain("30% or more").And.Not.Contain("40"),
            "an alert carries no value of the firm"
        );
    }

    [Test]
    public async Task AnAlertFromADisputedFeed_SaysSo()
    {
        var (firm, tax) = await HealthyFirmAsync();
        var watcher = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(firm.Created.Id, await Monitoring(watcher.Created.Id));
        await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, Month(2), "This month was paid in full.")
        );

        await FinishedAsync(
            tax,
            (
                await PushAsync(
                    tax,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue,arrears\n{firm.Created.Uscc},{Month(1)},200000,6000000,45000\n",
                    Csv
                )
            ).Id
        );

        List<AlertDto> alerts = [];
        await Eventually.HoldsAsync(
            async () => (alerts = await AlertsAboutAsync(watcher.Client, firm.Created.Id)).Count > 0,
            TimeSpan.FromSeconds(30),
            "no alert"
        );
        Assert.That(alerts.Single(a => a.Kind == AlertKind.NewArrears).Detail, Does.Contain("disputes a record"));
    }

    [Test]
    public async Task Alerts_AreForBanksAndOperators()
    {
        var firm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Alerts.ListAsync());
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Alerts.ListAsync());
        await Problems.ExpectFieldErrorAsync(
            "kind",
            async () => await (await TestRun.OperatorAsync()).Alerts.ListAsync(kind: "weather")
        );
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Consents;

public sealed class ReportTests
{
    private static async Task<Actors.Party<RegisteredEnterprise>> FirmWithDataAsync()
    {
        var uscc = Usccs.Next();
        var department = await Actors.DepartmentAsync(FeedType.Tax, FeedType.SocialSecurity, FeedType.Penalty);
        var tax = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var m = 0; m <= 30; m++)
            tax.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},{100 + m},{3000 + m}\n");
        await FinishedAsync(
            department.Client,
            (await PushAsync(department.Client, FeedType.Tax, tax.ToString(), Csv)).Id
        );
        await FinishedAsync(
            department.Client,
            (
                await PushAsync(
                    department.Client,
                    FeedType.SocialSecurity,
                    $"uscc,period,insuredEmployees,contributionPaid\n{uscc},{Month(1)},12,9000\n",
                    Csv
                )
            ).Id
        );
        await FinishedAsync(
            department.Client,
            (
                await PushAsync(
                    department.Client,
                    FeedType.Penalty,
                    $"{{\"uscc\":\"{uscc}\",\"decisionNo\":\"P-{Guid.NewGuid():N}\",\"decidedOn\":\"{DateTime.UtcNow.AddMonths(-3):yyyy-MM-dd}\",\"authority\":\"Bureau\",\"severity\":\"minor\",\"amount\":100}}",
                    Ndjson
                )
            ).Id
        );
        return await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
    }

    private static GrantConsentBody Consent(Guid institutionId, params ConsentScope[] scopes) =>
        new(institutionId, null, scopes, ConsentPurpose.LoanAssessment, DateTimeOffset.UtcNow.AddDays(30));

    [Test]
    public async Task BankWithConsent_ReadsTheConsentedScopes_AndTheReadIsRecorded()
    {
        var firm = await FirmWithDataAsync();
        var bank = await Actors.BankAsync();
        var consent = await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            Consent(bank.Created.Id, ConsentScope.Profile, ConsentScope.Tax)
        );

        var report = await bank.Client.Consents.GetReportAsync(firm.Created.Id);

        Assert.That(report.ConsentId, Is.EqualTo(consent.Id));
        Assert.That(report.Uscc, Is.EqualTo(firm.Created.Uscc));
        Assert.That(report.Profile?.Rated, Is.True);
        Assert.That(
            report.Records.Tax!.Select(t => t.Period),
            Is.EqualTo(Enumerable.Range(0, 25).Select(Month)),
            "the last 24 months, newest first"
        );
        Assert.That(report.Records.Tax!.First().RecordKey, Is.EqualTo(Month(0)));
        Assert.That(report.Records.Tax!.Select(t => t.Disputed), Has.All.False);
        Assert.That(report.Records.SocialSecurity, Is.Null);
        Assert.That(report.Records.Penalty, Is.Null);
        var raw = await bank.Client.Http.GetStringAsync(
            new Uri($"/api/v1/enterprises/{firm.Created.Id}/report", UriKind.Relative)
        );
        var recordKeys = System
            .Text.Json.JsonDocument.Parse(raw)
            .RootElement.GetProperty("records")
            .EnumerateObject()
            .Select(p => p.Name);
        Assert.That(recordKeys, Is.EqualTo(new[] { "tax" }), "only the consented scopes appear");

        var accesses = await firm.Client.Consents.ListAccessesAsync(firm.Created.Id);
        Assert.That(accesses.TotalCount, Is.EqualTo(2));
        Assert.That(
            accesses.Items.Select(a => (a.InstitutionId, a.ConsentId, a.Purpose)),
            Has.All.EqualTo(((Guid?)bank.Created.Id, (Guid?)consent.Id, (ConsentPurpose?)ConsentPurpose.LoanAssessment))
        );
        Assert.That(accesses.Items[0].Scopes, Is.EqualTo(new[] { ConsentScope.Profile, ConsentScope.Tax }));
        Assert.That(
            (await (await TestRun.OperatorAsync()).Consents.ListAccessesAsync(firm.Created.Id)).TotalCount,
            Is.EqualTo(2)
        );
    }

    [Test]
    public async Task OtherScopes_AppearOnlyWhenGranted()
    {
        var firm = await FirmWithDataAsync();
        var bank = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            Consent(bank.Created.Id, ConsentScope.Penalty, ConsentScope.SocialSecurity)
        );

        var report = await bank.Client.Consents.GetReportAsync(firm.Created.Id);

        Assert.That(report.Profile, Is.Null);
        Assert.That(report.Records.Tax, Is.Null);
        Assert.That(report.Records.SocialSecurity!.Single().InsuredEmployees, Is.EqualTo(12));
        Assert.That(report.Records.Penalty!.Single().RecordKey, Does.StartWith("P-"));
    }

    [Test]
    public async Task RevokedConsent_RefusesTheVeryNextRead_AndNothingIsRecorded()
    {
        var firm = await FirmWithDataAsync();
        var bank = await Actors.BankAsync();
        var consent = await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            Consent(bank.Created.Id, ConsentScope.Tax)
        );
        await bank.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That((await bank.Client.Enterprises.GetAsync(firm.Created.Id)).Id, Is.EqualTo(firm.Created.Id));

        await firm.Client.Consents.RevokeAsync(firm.Created.Id, consent.Id);

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => bank.Client.Enterprises.GetAsync(firm.Created.Id));
        Assert.That((await firm.Client.Consents.ListAccessesAsync(firm.Created.Id)).TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ExpiredConsent_RefusesTheRead()
    {
        var firm = await FirmWithDataAsync();
        var bank = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            Consent(bank.Created.Id, ConsentScope.Tax) with
            {
                ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2),
            }
        );
        await bank.Client.Consents.GetReportAsync(firm.Created.Id);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        Assert.That(
            (await firm.Client.Consents.ListAsync(firm.Created.Id)).Items.Single().Status,
            Is.EqualTo(ConsentStatus.Expired)
        );
    }

    [Test]
    public async Task NoOneElse_ReadsTheReport()
    {
        var firm = await FirmWithDataAsync();
        var consented = await Actors.BankAsync();
        var otherBank = await Actors.BankAsync();
        var otherFirm = await Actors.EnterpriseAsync();
        var department = await Actors.DepartmentAsync();
        var mine = await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            Consent(consented.Created.Id, ConsentScope.Tax)
        );
        var theirs = await otherFirm.Client.Consents.GrantAsync(
            otherFirm.Created.Id,
            Consent(otherBank.Created.Id, ConsentScope.Tax)
        );

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => otherBank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => otherBank.Client.Consents.GetReportAsync(firm.Created.Id, mine.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => consented.Client.Consents.GetReportAsync(firm.Created.Id, theirs.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherBank.Client.Enterprises.GetAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => firm.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => department.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Consents.GetReportAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => consented.Client.Consents.GetReportAsync(Guid.NewGuid())
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherFirm.Client.Consents.ListAccessesAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => consented.Client.Consents.ListAccessesAsync(firm.Created.Id)
        );
        Assert.That(
            (await firm.Client.Consents.ListAccessesAsync(firm.Created.Id)).TotalCount,
            Is.Zero,
            "refused reads are not reads"
        );
    }
}

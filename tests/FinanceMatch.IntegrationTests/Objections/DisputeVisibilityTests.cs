using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Objections;

/// <summary>While a firm disputes a record, the dispute shows where the data is used: factors, and banks that already read it.</summary>
public sealed class DisputeVisibilityTests
{
    [Test]
    public async Task AnObjection_MarksTheFactorsOfItsFeed_AndTellsTheBanksThatReadTheRecord()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bureau = await Actors.DepartmentAsync(FeedType.Tax);
        var firm = await Support.Marketplace.FirmPayingTaxAsync(20_000m, taxDepartment: bureau);
        var reader = await Actors.BankAsync();
        var bystander = await Actors.BankAsync();
        await reader.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(
                receiver.Url,
                [WebhookEvent.ObjectionOpened, WebhookEvent.ObjectionResolved],
                "dispute-secret-0123456789"
            )
        );
        await bystander.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.ObjectionOpened], "dispute-secret-0123456789")
        );
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                reader.Created.Id,
                null,
                [ConsentScope.Profile, ConsentScope.Tax],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        await reader.Client.Consents.GetReportAsync(firm.Created.Id);

        var objection = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, Month(2), "Paid in full.")
        );

        var profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(profile.Factors.Single(f => f.Code == "taxPaidLast12Months").Disputed, Is.True);
        Assert.That(profile.Factors.Single(f => f.Code == "yearsInOperation").Disputed, Is.False);
        Assert.That(profile.Factors.Single(f => f.Code == "insuredEmployeesLatest").Disputed, Is.False);
        var report = await reader.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That(
            report.Profile!.Factors.Single(f => f.Code == "taxArrears").Disputed,
            Is.True,
            "the bank's report shows it too"
        );
        await Eventually.HoldsAsync(
            () => Task.FromResult(receiver.Requests.Any(r => r.Event == "objectionOpened")),
            TimeSpan.FromSeconds(30),
            "no objectionOpened"
        );
        var opened = receiver.Requests.Single(r => r.Event == "objectionOpened");
        var data = JsonDocument.Parse(opened.Body).RootElement.GetProperty("data");
        Assert.That(
            (
                data.GetProperty("objectionId").GetGuid(),
                data.GetProperty("feedType").GetString(),
                data.GetProperty("recordKey").GetString()
            ),
            Is.EqualTo((objection.Id, "tax", Month(2)))
        );

        // The bureau pushes the corrected month: the batch closes the objection and the reader is told.
        await FinishedAsync(
            bureau.Client,
            (
                await PushAsync(
                    bureau.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{firm.Created.Uscc},{Month(2)},21000,400000\n",
                    Csv
                )
            ).Id
        );

        await Eventually.HoldsAsync(
            () => Task.FromResult(receiver.Requests.Any(r => r.Event == "objectionResolved")),
            TimeSpan.FromSeconds(30),
            "no objectionResolved"
        );
        var resolved = JsonDocument
            .Parse(receiver.Requests.Single(r => r.Event == "objectionResolved").Body)
            .RootElement.GetProperty("data");
        Assert.That(
            (resolved.GetProperty("objectionId").GetGuid(), resolved.GetProperty("status").GetString()),
            Is.EqualTo((objection.Id, "corrected"))
        );
        Assert.That(
            receiver.Requests.Count(r => r.Event == "objectionOpened"),
            Is.EqualTo(1),
            "only the bank that read the record is told"
        );
        Assert.That(
            (await firm.Client.Profiles.GetAsync(firm.Created.Id)).Factors.Select(f => f.Disputed),
            Has.All.False
        );
    }
}

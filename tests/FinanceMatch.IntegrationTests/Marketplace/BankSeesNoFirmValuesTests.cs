using System.Net;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Marketplace;

/// <summary>
/// A bank learns a firm's values only from the report, and only the scopes consented. Walks every GET of the OpenAPI
/// document a bank may call, with real ids (its match, the firm, the request, its product, its webhook), and fails if any
/// answer holds the firm's tax figure — consented here for utility data only — or any rule's actual value.
/// </summary>
public sealed class BankSeesNoFirmValuesTests
{
    private const decimal MonthlyTax = 12_345.67m;

    // The firm's own figure, and the fields that would carry any of its values outside a report.
    private static readonly string[] Forbidden = ["148148.04", "\"actual\"", "\"metrics\""];

    [Test]
    public async Task EveryGetABankMayCall_HoldsNoValueOfTheFirm_BeyondItsConsent()
    {
        var band = Band();
        var bank = await Actors.BankAsync();
        var product = await PublishedAsync(
            bank.Client,
            Product(band, eligibility: new EligibilityDto(MinAnnualTaxPaid: 1m))
        );
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/hook", [WebhookEvent.MatchCreated], "walker-secret-0123456789")
        );
        var firm = await FirmPayingTaxAsync(MonthlyTax);
        var request = await MatchedAsync(
            firm.Client,
            Request(band) with
            {
                Consent = new LoanConsentBody([ConsentScope.Utility], DateTimeOffset.UtcNow.AddDays(30)),
            }
        );
        var match = MatchOf(request, bank);
        Assert.That(
            match.Reasons.Single(r => r.Rule == "minAnnualTaxPaid").Actual,
            Does.Contain("148148.04"),
            "the firm sees its own figure"
        );

        // The match becomes a loan (same id), so the walk reads the loan, its performance and the loan statistics too.
        await bank.Client.Matches.ReviewAsync(match.Id);
        await bank.Client.Matches.ApproveAsync(match.Id, new ApproveMatchBody(request.Amount, 4.5m, 24));
        await firm.Client.Matches.AcceptAsync(match.Id);
        await bank.Client.Matches.DisburseAsync(
            match.Id,
            new DisburseMatchBody(request.Amount, DateOnly.FromDateTime(DateTime.UtcNow))
        );

        using var anonymous = TestRun.Http();
        using var document = JsonDocument.Parse(
            await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))
        );
        var ids = new Dictionary<string, string>
        {
            ["/api/v1/enterprises/"] = firm.Created.Id.ToString(),
            ["/api/v1/loan-requests/"] = request.Id.ToString(),
            ["/api/v1/matches/"] = match.Id.ToString(),
            ["/api/v1/loans/"] = match.Id.ToString(),
            ["/api/v1/products/"] = product.Id.ToString(),
            ["/api/v1/webhooks/"] = webhook.Id.ToString(),
            ["/api/v1/institutions/"] = bank.Created.Id.ToString(),
            ["/api/v1/credentials/"] = bank.Created.ClientId,
        };
        var answered = new List<string>();
        var leaks = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out _))
                continue;
            var prefix = ids.Keys.FirstOrDefault(k => path.Name.StartsWith(k, StringComparison.Ordinal));
            var url = path
                .Name.Replace(
                    "{id}",
                    prefix is null ? Guid.NewGuid().ToString() : ids[prefix],
                    StringComparison.Ordinal
                )
                .Replace("{enterpriseId}", firm.Created.Id.ToString(), StringComparison.Ordinal)
                .Replace("{clientId}", bank.Created.ClientId, StringComparison.Ordinal)
                .Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{feedType}", "tax", StringComparison.Ordinal);
            if (url.Contains('{', StringComparison.Ordinal))
                url = System.Text.RegularExpressions.Regex.Replace(url, "\\{[^}]+\\}", Guid.NewGuid().ToString());
            if (path.Name.Contains("/stats/", StringComparison.Ordinal))
                url += path.Name.EndsWith("breakdown", StringComparison.Ordinal) ? "?by=grade" : "";
            using var response = await bank.Client.Http.GetAsync(new Uri(url, UriKind.Relative));
            if (!response.IsSuccessStatusCode)
                continue;
            answered.Add(url);
            var body = await response.Content.ReadAsStringAsync();
            foreach (var value in Forbidden)
                if (body.Contains(value, StringComparison.Ordinal))
                    leaks.Add($"GET {url} holds {value}");
        }

        Assert.That(
            answered,
            Does.Contain($"/api/v1/matches/{match.Id}")
                .And.Contain($"/api/v1/loans/{match.Id}")
                .And.Contain($"/api/v1/loans/{match.Id}/performance")
                .And.Contain($"/api/v1/loan-requests/{request.Id}")
                .And.Contain($"/api/v1/enterprises/{firm.Created.Id}/report")
                .And.Contain("/api/v1/matches"),
            "the walk reached the firm's objects"
        );
        Assert.That(leaks, Is.Empty, string.Join('\n', leaks));
        TestContext.Out.WriteLine($"{answered.Count} GETs answered the bank: " + string.Join(", ", answered));
    }

    [Test]
    public async Task TheEleventhWebhookOfABank_Is409()
    {
        var bank = await Actors.BankAsync();
        for (var i = 0; i < 10; i++)
            await bank.Client.Webhooks.RegisterAsync(
                new RegisterWebhookBody(
                    $"http://127.0.0.1:9/hook{i}",
                    [WebhookEvent.MatchCreated],
                    "limit-secret-0123456789"
                )
            );

        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                bank.Client.Webhooks.RegisterAsync(
                    new RegisterWebhookBody(
                        "http://127.0.0.1:9/hook10",
                        [WebhookEvent.MatchCreated],
                        "limit-secret-0123456789"
                    )
                )
        );
        Assert.That(await bank.Client.Webhooks.ListAsync(), Has.Count.EqualTo(10));
    }
}

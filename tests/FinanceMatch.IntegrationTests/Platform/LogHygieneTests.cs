using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// docs/SECURITY.md, "Logs": an API process and a worker process logging as production does (JSON lines with scopes),
/// with FinanceMatch's and Hangfire's categories at Debug and EF Core's SQL at Information, go through every kind of
/// secret the platform hands out or is handed (client secrets, rotated secrets, bearer tokens, webhook secrets old and
/// new, a feed source's API key, a licence assertion) and a firm's personal data; then every line both processes wrote
/// is searched for each of them.
/// </summary>
[NonParallelizable]
public sealed class LogHygieneTests
{
    [Test]
    public async Task TheLogsOfAFullRun_HoldNoSecretAndNoPersonalData_AndEveryJobLineHasItsTraceId()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["Webhooks__AllowHttp"] = "true",
            ["Webhooks__AllowPrivateNetworks"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__FinanceMatch"] = "Debug",
            ["Logging__LogLevel__Hangfire"] = "Debug",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        };
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = await WorkerProcess.StartApiAsync(database.ConnectionString, settings);
        var worker = WorkerProcess.Start(database.ConnectionString, settings);
        var secrets = new List<(string What, string Value)>
        {
            ("the operator's secret", FinanceMatchApp.OperatorSecret),
        };
        try
        {
            var anonymous = Client(api, null);
            var operatorToken = (
                await anonymous.Auth.GetTokenAsync(
                    new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret)
                )
            ).AccessToken;
            secrets.Add(("the operator's token", operatorToken));
            var operatorClient = Client(api, operatorToken);

            var bank = await operatorClient.Institutions.CreateAsync(
                new CreateInstitutionBody("Log Hygiene Bank", Actors.UniqueCode("LOG"))
            );
            secrets.Add(("a bank's secret", bank.ClientSecret!));
            var bankToken = (
                await anonymous.Auth.GetTokenAsync(new TokenBody(bank.ClientId, bank.ClientSecret!))
            ).AccessToken;
            secrets.Add(("a bank's token", bankToken));
            var bankClient = Client(api, bankToken);
            var rotated = await bankClient.Auth.RotateSecretAsync(new RotateSecretBody(bank.ClientSecret!));
            secrets.Add(("a bank's rotated secret", rotated.ClientSecret));
            bankToken = (
                await anonymous.Auth.GetTokenAsync(new TokenBody(bank.ClientId, rotated.ClientSecret))
            ).AccessToken;
            secrets.Add(("a bank's second token", bankToken));
            bankClient = Client(api, bankToken);
            // A wrong secret is refused and recorded; the guess itself must not be written anywhere.
            const string guess = "a-guessed-secret-that-must-not-be-logged";
            secrets.Add(("a guessed secret", guess));
            Assert.That(
                async () => await anonymous.Auth.GetTokenAsync(new TokenBody(bank.ClientId, guess)),
                Throws.InstanceOf<Refit.ApiException>()
            );

            const string webhookSecret = "log-hygiene-webhook-secret-0123456789";
            secrets.Add(("a webhook secret", webhookSecret));
            var webhook = await bankClient.Webhooks.RegisterAsync(
                new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], webhookSecret)
            );
            var rotatedWebhook = await bankClient.Webhooks.RotateSecretAsync(webhook.Id);
            secrets.Add(("a rotated webhook secret", rotatedWebhook.Secret));
            await bankClient.Webhooks.PingAsync(webhook.Id);

            var department = await operatorClient.Departments.CreateAsync(
                new CreateDepartmentBody("Log Hygiene Tax Bureau", Actors.UniqueCode("LOGT"), [FeedType.Tax])
            );
            secrets.Add(("a department's secret", department.ClientSecret!));
            var departmentToken = (
                await anonymous.Auth.GetTokenAsync(new TokenBody(department.ClientId, department.ClientSecret!))
            ).AccessToken;
            secrets.Add(("a department's token", departmentToken));
            const string apiKey = "log-hygiene-feed-api-key-9876543210";
            secrets.Add(("a feed source's API key", apiKey));
            await operatorClient.Feeds.CreateSourceAsync(
                new CreateFeedSourceBody(
                    department.Id,
                    FeedType.Tax,
                    "https://tax.example.gov.cn/feed",
                    "0 3 * * *",
                    apiKey
                )
            );

            const string representative = "欧阳日志测试";
            var registered = await anonymous.Enterprises.RegisterAsync(
                Actors.EnterpriseRequest() with
                {
                    LegalRepresentative = representative,
                }
            );
            secrets.Add(("a firm's secret", registered.ClientSecret!));
            secrets.Add(("a firm's legal representative", representative));
            var firmToken = (
                await anonymous.Auth.GetTokenAsync(new TokenBody(registered.ClientId, registered.ClientSecret!))
            ).AccessToken;
            secrets.Add(("a firm's token", firmToken));
            var assertion = FakeLicenceIssuer.Instance.Assertion(
                registered.Uscc,
                new FakeLicenceIssuer.Options { LegalRepresentative = representative }
            );
            secrets.Add(("a licence assertion", assertion));
            await Client(api, firmToken)
                .Enterprises.SubmitVerificationAsync(
                    registered.Id,
                    new SubmitVerificationBody(VerificationMethod.BusinessLicence, assertion)
                );

            var csv = new StringContent(
                $"uscc,period,taxPaid,taxableRevenue\n{registered.Uscc},{Batches.Month(1)},1000.50,33350\n",
                Encoding.UTF8,
                "text/csv"
            );
            var batch = await Client(api, departmentToken).Feeds.PushAsync(FeedType.Tax, csv);
            await Eventually.HoldsAsync(
                async () =>
                    (await Client(api, departmentToken).Feeds.GetBatchAsync(batch.Id)).Status
                        is BatchStatus.Completed
                            or BatchStatus.CompletedWithErrors,
                TimeSpan.FromSeconds(60),
                "the worker never processed the batch"
            );
            // The batch is completed in the database before its line reaches the worker's console: wait for the line too.
            await Eventually.HoldsAsync(
                () =>
                    Task.FromResult(
                        worker.Output.Any(l => l.Contains("\"Message\":\"Batch ", StringComparison.Ordinal))
                    ),
                TimeSpan.FromSeconds(30),
                "the worker never logged the batch"
            );
            await Eventually.HoldsAsync(
                () =>
                    Task.FromResult(receiver.Requests.Any(r => r.Body.Contains("\"ping\"", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(30),
                "the ping was never delivered"
            );
        }
        finally
        {
            await worker.DisposeAsync();
            await api.DisposeAsync();
        }

        var lines = api.Output.Concat(worker.Output).ToList();
        Assert.That(lines, Has.Count.GreaterThan(20), "the processes logged");
        foreach (var (what, value) in secrets)
            Assert.That(
                lines.Where(l => l.Contains(value, StringComparison.Ordinal)).Take(3),
                Is.Empty,
                $"{what} was written to a log"
            );

        // Production's console format: one JSON object a line; a job's lines carry its trace id in their scopes.
        var entries = lines
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        Assert.That(entries, Has.Count.GreaterThan(lines.Count / 2), "JSON lines");
        var batchLines = entries
            .Where(e =>
                e.GetProperty("Category").GetString()!.StartsWith("FinanceMatch", StringComparison.Ordinal)
                && e.GetProperty("Message").GetString()!.StartsWith("Batch ", StringComparison.Ordinal)
            )
            .ToList();
        Assert.That(batchLines, Is.Not.Empty, "the worker logged the batch");
        Assert.That(
            batchLines.All(e =>
                e.TryGetProperty("Scopes", out var scopes)
                && scopes
                    .EnumerateArray()
                    .Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            ),
            Is.True,
            "a job's log line carries the trace id of its span"
        );
    }

    private static FinanceMatchClient Client(WorkerProcess api, string? token)
    {
        var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new FinanceMatchClient(http);
    }
}

using System.Net;
using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// Rate limits as Production has them, but small: an API process of its own (the shared test app is unlimited, since
/// every test calls from one address), 6 token requests a minute per address, and a bucket of 5 requests refilled at
/// 1 per second per signed-in client.
/// </summary>
public sealed class RateLimitTests
{
    private TestDatabase database = null!;
    private WorkerProcess api = null!;
    private string operatorToken = null!;
    private string bankToken = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync();
        api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>
            {
                ["RateLimits__TokenRequestsPerMinute"] = "6",
                ["RateLimits__ClientBurst"] = "5",
                ["RateLimits__ClientRequestsPerSecond"] = "1",
                ["RateLimits__AnonymousRequestsPerMinute"] = "1000",
                ["RateLimits__WebhookTestsPerMinute"] = "2",
            }
        );
        operatorToken = (
            await Anonymous()
                .Auth.GetTokenAsync(new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret))
        ).AccessToken;
        var bank = await Client(operatorToken)
            .Institutions.CreateAsync(new CreateInstitutionBody("Limited Bank", Actors.UniqueCode("BANK")));
        bankToken = (
            await Anonymous().Auth.GetTokenAsync(new TokenBody(bank.ClientId, bank.ClientSecret!))
        ).AccessToken;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await api.DisposeAsync();
        await database.DisposeAsync();
    }

    [Test]
    public async Task TheTokenEndpoint_AllowsSixAMinutePerAddress_Then429WithRetryAfter()
    {
        // Two of the six went on signing in the operator and the bank.
        for (var i = 0; i < 4; i++)
            await Anonymous()
                .Auth.GetTokenAsync(new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret));

        using var http = Http();
        var refused = await http.PostAsJsonAsync(
            "/api/v1/auth/token",
            new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret)
        );

        await Problems.ExpectRawAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("try again in"));
    }

    [Test]
    public async Task ASignedInClient_HasItsOwnBucket()
    {
        // A burst at once: calls one after another may take over a second each on a loaded machine, and the bucket
        // refills one a second, so a sequence of six could pass.
        using var http = Http(bankToken);
        var responses = await Task.WhenAll(
            Enumerable.Range(0, 12).Select(_ => http.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative)))
        );
        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.That(refused, Is.Not.Null, "a burst of 12 against a bucket of 5");
        await Problems.ExpectRawAsync(HttpStatusCode.TooManyRequests, refused!);
        Assert.That(refused!.Headers.RetryAfter?.Delta, Is.Not.Null);
        Assert.That(responses.Count(r => r.IsSuccessStatusCode), Is.InRange(5, 11));
        foreach (var response in responses)
            response.Dispose();

        Assert.That(
            (await Client(operatorToken).Auth.GetCallerAsync()).Role,
            Is.EqualTo(Role.Operator),
            "another client is not held back"
        );
        using var health = Http();
        for (var i = 0; i < 20; i++)
            Assert.That(
                (await health.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode,
                Is.EqualTo(HttpStatusCode.OK),
                "health checks are never limited"
            );

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.That((await Client(bankToken).Auth.GetCallerAsync()).Role, Is.EqualTo(Role.Bank), "the bucket refills");
    }

    [Test]
    public async Task PingsAndRedeliveries_HaveTheirOwnSmallAllowancePerClient()
    {
        // Spaced so that the client's own bucket (one a second) never refuses: only the webhook-test allowance does.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var bank = Client(bankToken);
        var webhook = await bank.Webhooks.RegisterAsync(
            new RegisterWebhookBody(
                "https://hooks.limited-bank.example/financematch",
                [WebhookEvent.MatchCreated],
                "limited-bank-webhook-secret-0123"
            )
        );
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            await bank.Webhooks.PingAsync(webhook.Id);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        using var http = Http(bankToken);
        using var refused = await http.PostAsync(
            new Uri($"/api/v1/webhooks/{webhook.Id}/ping", UriKind.Relative),
            null
        );

        await Problems.ExpectRawAsync(HttpStatusCode.TooManyRequests, refused);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.That(
            (await bank.Webhooks.ListAsync()).Select(w => w.Id),
            Is.EqualTo(new[] { webhook.Id }),
            "the rest of the API is not held back"
        );
    }

    private HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = api.BaseAddress };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private FinanceMatchClient Anonymous() => new(Http());

    private FinanceMatchClient Client(string token) => new(Http(token));
}

using System.Net;
using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Consents;

/// <summary>
/// Report reads take turns (<c>RateLimits:ConcurrentReportReads</c>, <c>RateLimits:ReportReadQueue</c>): an API process of
/// its own with one turn and no queue, so that reads sent at once are refused while one runs. A refused read is 503
/// problem+json with Retry-After, and it is not recorded in the firm's access chain: only a read that ran is.
/// </summary>
public sealed class ReportReadTurnsTests
{
    private TestDatabase database = null!;
    private WorkerProcess api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync();
        api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>
            {
                ["RateLimits__ConcurrentReportReads"] = "1",
                ["RateLimits__ReportReadQueue"] = "0",
            }
        );
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await api.DisposeAsync();
        await database.DisposeAsync();
    }

    [Test]
    public async Task ReadsBeyondTheTurnsAndTheQueue_Are503WithRetryAfter_AndNotRecorded()
    {
        var anonymous = new FinanceMatchClient(Http());
        var registered = await anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest());
        var firm = new FinanceMatchClient(
            Http(
                (
                    await anonymous.Auth.GetTokenAsync(new TokenBody(registered.ClientId, registered.ClientSecret!))
                ).AccessToken
            )
        );
        await Actors.VerifyAsync(firm, registered);
        var operatorToken = (
            await anonymous.Auth.GetTokenAsync(
                new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret)
            )
        ).AccessToken;

        using var http = Http(operatorToken);
        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 30)
                .Select(_ => http.GetAsync(new Uri($"/api/v1/enterprises/{registered.Id}/report", UriKind.Relative)))
        );

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        var answered = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.That(answered + refused.Count, Is.EqualTo(30), "every read is answered or refused, nothing else");
        Assert.That(answered, Is.GreaterThan(0));
        Assert.That(refused, Is.Not.Empty, "thirty reads at once with one turn and no queue");
        foreach (var response in refused)
        {
            await Problems.ExpectRawAsync(HttpStatusCode.ServiceUnavailable, response);
            Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The platform is busy"));
        }
        var accesses = await firm.Consents.ListAccessesAsync(registered.Id, pageSize: 100);
        Assert.That(accesses.TotalCount, Is.EqualTo(answered), "only the reads that ran are in the access chain");

        // The turn is given back: a read after the burst runs.
        var report = await new FinanceMatchClient(Http(operatorToken)).Consents.GetReportAsync(registered.Id);
        Assert.That(report.EnterpriseId, Is.EqualTo(registered.Id));
    }

    private HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = api.BaseAddress };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

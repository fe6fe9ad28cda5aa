using System.Net;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// X-Forwarded-For names the client only when it comes from a configured proxy: rate limits (and anonymous idempotency
/// scopes) then see the real client; from anywhere else the header is ignored, or anyone could choose their address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [TestCase("127.0.0.1", true)]
    [TestCase("10.9.9.9", false)]
    public async Task ForwardedFor_CountsPerRealClient_OnlyBehindAKnownProxy(string knownProxy, bool honoured)
    {
        await using var api = await WorkerProcess.StartApiAsync(
            TestRun.Database.ConnectionString,
            new Dictionary<string, string>
            {
                ["ForwardedHeaders__KnownProxies"] = knownProxy,
                ["RateLimits__AnonymousRequestsPerMinute"] = "3",
            }
        );
        using var http = new HttpClient { BaseAddress = api.BaseAddress };

        async Task<HttpStatusCode> AsAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/scoring-model");
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        for (var i = 0; i < 3; i++)
            Assert.That(await AsAsync("203.0.113.5"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            await AsAsync("203.0.113.5"),
            Is.EqualTo(HttpStatusCode.TooManyRequests),
            "the fourth request of one client"
        );
        Assert.That(
            await AsAsync("203.0.113.6"),
            Is.EqualTo(honoured ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests),
            honoured
                ? "another client behind the proxy has its own allowance"
                : "from an unknown proxy the header is ignored: all are one address"
        );
    }
}

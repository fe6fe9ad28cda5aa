using System.Net;
using System.Text.RegularExpressions;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

/// <summary>The financematch_token cookie opens /hangfire only; Hangfire's POST actions need an antiforgery token.</summary>
public sealed partial class JobDashboardSessionTests
{
    [Test]
    public async Task OperatorSession_SetsAStrictHttpOnlyCookieForHangfireOnly()
    {
        var cookie = await SessionCookieAsync(await TestRun.OperatorAsync());

        Assert.That(
            cookie,
            Does.StartWith("financematch_token=")
                .And.Contain("path=/hangfire")
                .IgnoreCase.And.Contain("httponly")
                .IgnoreCase.And.Contain("samesite=strict")
                .IgnoreCase
        );
        using var http = TestRun.Http();
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        api.Headers.Add("Cookie", CookiePair(cookie));
        using var refused = await http.SendAsync(api);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the API takes bearer tokens only");

        using var page = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        page.Headers.Add("Cookie", CookiePair(cookie));
        using var opened = await http.SendAsync(page);
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task HangfirePost_WithoutAntiforgeryToken_Is403_WithItIsCarriedOut()
    {
        var session = CookiePair(await SessionCookieAsync(await TestRun.OperatorAsync()));
        using var http = TestRun.Http();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        page.Headers.Add("Cookie", session);
        using var opened = await http.SendAsync(page);
        var html = await opened.Content.ReadAsStringAsync();
        var token = CsrfToken().Match(html).Groups[1].Value;
        var antiforgery = opened
            .Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.That(token, Is.Not.Empty, "the page carries its antiforgery token");

        var forged = await TriggerAsync(http, session, null);
        var genuine = await TriggerAsync(http, $"{session}; {CookiePair(antiforgery)}", token);

        Assert.That(
            forged,
            Is.EqualTo(HttpStatusCode.Forbidden),
            "a cross-site form post carries the cookie but not the token"
        );
        Assert.That(genuine, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task JobDashboardSession_IsOperatorsOnly()
    {
        var bank = await Actors.BankAsync();
        using var response = await bank.Client.Http.PostAsync(
            new Uri("/api/v1/auth/job-dashboard-session", UriKind.Relative),
            null
        );
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
    }

    private static async Task<HttpStatusCode> TriggerAsync(HttpClient http, string cookies, string? token)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "expire-unanswered-matches")]),
        };
        post.Headers.Add("Cookie", cookies);
        if (token is not null)
            post.Headers.Add("RequestVerificationToken", token);
        using var response = await http.SendAsync(post);
        return response.StatusCode;
    }

    private static async Task<string> SessionCookieAsync(FinanceMatch.Client.FinanceMatchClient @operator)
    {
        using var response = await @operator.Http.PostAsync(
            new Uri("/api/v1/auth/job-dashboard-session", UriKind.Relative),
            null
        );
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        return response.Headers.GetValues("Set-Cookie").Single();
    }

    private static string CookiePair(string setCookie) => setCookie.Split(';')[0];

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)"\s*/?>""")]
    private static partial Regex CsrfToken();
}

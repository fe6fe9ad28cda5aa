using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.UnitTests.Sdk;

/// <summary>
/// Stands in for the FinanceMatch server under the client package's handlers: a token endpoint that issues numbered
/// tokens to one client, and an API that accepts the tokens it has not revoked, as its bearer check would (401 with a
/// Bearer challenge otherwise), echoing the body it was sent. It records every request as it arrived.
/// </summary>
internal sealed class StubServer : HttpMessageHandler
{
    public const string ClientId = "bank_0123456789";
    public const string ClientSecret = "the-bank-secret-0123456789abcdef";
    public static readonly Uri Address = new("https://financematch.example.com/");

    private int issued;

    public sealed record Request(HttpMethod Method, string Path, string? Authorization, string? Body);

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Tokens the server no longer accepts (a rotation, reset or disable).</summary>
    public ConcurrentDictionary<string, bool> Revoked { get; } = new();

    /// <summary>Paths whose endpoint itself answers 401, without a Bearer challenge (a wrong current secret).</summary>
    public HashSet<string> OwnUnauthorized { get; } = [];

    /// <summary>The lifetime of the tokens issued from now on, in seconds.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>When set, the token endpoint answers every request with this status (401: wrong or disabled; 429).</summary>
    public HttpStatusCode? TokenEndpointRefuses { get; set; }

    /// <summary>How long a token request takes, so that concurrent callers pile up behind it.</summary>
    public TimeSpan TokenDelay { get; set; }

    public List<Request> TokenRequests => Requests.Where(r => r.Path == "/api/v1/auth/token").ToList();

    public List<Request> ApiRequests => Requests.Where(r => r.Path != "/api/v1/auth/token").ToList();

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        Requests.Enqueue(new Request(request.Method, path, request.Headers.Authorization?.ToString(), body));
        if (path == "/api/v1/auth/token")
            return await TokenAsync(body, cancellationToken);
        if (
            request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { } token }
            || Revoked.ContainsKey(token)
        )
        {
            var refused = Problem(HttpStatusCode.Unauthorized, "Unauthorized.");
            refused.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "error=\"invalid_token\""));
            return refused;
        }
        if (OwnUnauthorized.Contains(path))
            return Problem(HttpStatusCode.Unauthorized, "currentSecret is not this client's secret.");
        if (path == "/api/v1/auth/me")
            return Json(new CallerDto(ClientId, Role.Bank, Guid.Empty));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body ?? "") };
    }

    private async Task<HttpResponseMessage> TokenAsync(string? body, CancellationToken cancellationToken)
    {
        await Task.Delay(TokenDelay, cancellationToken);
        if (TokenEndpointRefuses is { } status)
        {
            var refusal = Problem(status, "The client id or secret is wrong, or the client is disabled.");
            if (status == HttpStatusCode.TooManyRequests)
                refusal.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return refusal;
        }
        var credentials = JsonSerializer.Deserialize<TokenBody>(body ?? "null", FinanceMatchJson.Options);
        if (credentials != new TokenBody(ClientId, ClientSecret))
            return Problem(HttpStatusCode.Unauthorized, "The client id or secret is wrong, or the client is disabled.");
        return Json(new TokenResponse($"token-{Interlocked.Increment(ref issued)}", "Bearer", ExpiresIn));
    }

    private static HttpResponseMessage Json<T>(T value) =>
        new(HttpStatusCode.OK)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(value, FinanceMatchJson.Options),
                Encoding.UTF8,
                "application/json"
            ),
        };

    private static HttpResponseMessage Problem(HttpStatusCode status, string detail) =>
        new(status)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { status = (int)status, detail }),
                Encoding.UTF8,
                "application/problem+json"
            ),
        };
}

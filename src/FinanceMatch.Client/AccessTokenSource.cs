using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Client;

/// <summary>A bearer token in use, and when to stop using it.</summary>
internal sealed record AccessToken(string Scheme, string Value, DateTimeOffset RenewAt)
{
    public AuthenticationHeaderValue Header() => new(Scheme, Value);

    // The token is not printed: a record's generated ToString would show it in logs and debuggers.
    public override string ToString() => $"{Scheme} token, renewed at {RenewAt:O}";
}

/// <summary>
/// One client's token, shared by every <see cref="ClientCredentialsHandler"/> built for it (IHttpClientFactory builds a
/// new handler chain every few minutes; the token outlives them). One token request at a time: concurrent callers wait
/// for it and then share its token.
/// </summary>
internal sealed class AccessTokenSource(Uri tokenEndpoint, string clientId, string clientSecret, TimeProvider clock)
{
    /// <summary>The longest a token is renewed before it expires; a short-lived one is renewed a tenth of its life before.</summary>
    private static readonly TimeSpan LongestMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessToken? current;

    public static AccessTokenSource For(FinanceMatchClientOptions options, TimeProvider clock, string paramName)
    {
        options.Validate(paramName);
        if (!options.HasClientCredentials)
            throw new ArgumentException(
                "FinanceMatchClientOptions.ClientId and ClientSecret are required to sign in with client credentials.",
                paramName
            );
        return new AccessTokenSource(
            TokenEndpoint(options.BaseAddress!),
            options.ClientId!,
            options.ClientSecret!,
            clock
        );
    }

    /// <summary>
    /// Whether a request goes to the server these credentials are for: the token endpoint's scheme, host and port, under
    /// the base address's path. A request anywhere else gets no token.
    /// </summary>
    public bool Serves(Uri? requestUri) =>
        requestUri is { IsAbsoluteUri: true } uri
        && Uri.Compare(
            uri,
            tokenEndpoint,
            UriComponents.SchemeAndServer,
            UriFormat.Unescaped,
            StringComparison.OrdinalIgnoreCase
        ) == 0
        && uri.AbsolutePath.StartsWith(
            tokenEndpoint.AbsolutePath[..^"api/v1/auth/token".Length],
            StringComparison.Ordinal
        );

    /// <summary><c>/api/v1/auth/token</c> under the base address's path, as Refit places the API's other paths.</summary>
    public static Uri TokenEndpoint(Uri baseAddress) =>
        new(baseAddress, baseAddress.AbsolutePath.TrimEnd('/') + "/api/v1/auth/token");

    /// <summary>
    /// The token to send: the current one while it is fresh and not the one the server just <paramref name="refused"/>,
    /// else a new one asked for over <paramref name="transport"/>. When the token endpoint answers with an error, that
    /// answer is returned instead (its request, which holds the secret, is disposed and detached from it).
    /// </summary>
    public async Task<(AccessToken? Token, HttpResponseMessage? Refusal)> GetAsync(
        HttpMessageHandler transport,
        AccessToken? refused,
        CancellationToken cancellationToken
    )
    {
        var token = Volatile.Read(ref current);
        if (IsUsable(token, refused))
            return (token, null);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            token = current;
            if (IsUsable(token, refused))
                return (token, null);
            if (refused is not null && ReferenceEquals(token, refused))
                Volatile.Write(ref current, null);
            var (fresh, refusal) = await RequestAsync(transport, cancellationToken).ConfigureAwait(false);
            if (fresh is not null)
                Volatile.Write(ref current, fresh);
            return (fresh, refusal);
        }
        finally
        {
            gate.Release();
        }
    }

    private bool IsUsable(AccessToken? token, AccessToken? refused) =>
        token is not null && !ReferenceEquals(token, refused) && clock.GetUtcNow() < token.RenewAt;

    private async Task<(AccessToken? Token, HttpResponseMessage? Refusal)> RequestAsync(
        HttpMessageHandler transport,
        CancellationToken cancellationToken
    )
    {
        // Its lifetime counts from before the request, so time on the wire only makes it renew earlier.
        var requestedAt = clock.GetUtcNow();
        using var invoker = new HttpMessageInvoker(transport, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = JsonContent.Create(new TokenBody(clientId, clientSecret), options: FinanceMatchJson.Options),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            response.RequestMessage = null;
            return (null, response);
        }
        using (response)
        {
            TokenResponse? body;
            try
            {
                body = await response
                    .Content.ReadFromJsonAsync<TokenResponse>(FinanceMatchJson.Options, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new HttpRequestException($"The token endpoint {tokenEndpoint} did not answer with a token.", e);
            }
            if (body is null || string.IsNullOrEmpty(body.AccessToken) || body.ExpiresIn <= 0)
                throw new HttpRequestException($"The token endpoint {tokenEndpoint} did not answer with a token.");
            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
            var margin = lifetime / 10 < LongestMargin ? lifetime / 10 : LongestMargin;
            var scheme = string.IsNullOrEmpty(body.TokenType) ? "Bearer" : body.TokenType;
            return (new AccessToken(scheme, body.AccessToken, requestedAt + lifetime - margin), null);
        }
    }
}

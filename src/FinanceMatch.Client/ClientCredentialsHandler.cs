using System.Net;

namespace FinanceMatch.Client;

/// <summary>
/// Signs a client's requests in with its client id and secret (OAuth 2.0 client credentials): obtains a bearer token
/// from <c>POST /api/v1/auth/token</c> at the first request, keeps it, and asks for a new one shortly before it expires
/// (a minute before, or a tenth of its lifetime for a short one). When the server refuses a token all the same (the
/// credential was rotated, reset, or disabled and enabled again), it obtains a new one and sends the request once more.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: concurrent requests wait for a single token request and share its token. The token request goes
/// straight to the inner handler (not through this handler or any before it), and the secret is sent in its body
/// only, never logged, and kept out of every response and exception this handler returns.
/// </para>
/// <para>
/// A request that already carries an <c>Authorization</c> header (for example from
/// <see cref="HttpClient.DefaultRequestHeaders"/>) is sent as it is. A 401 counts as a refused token only when it
/// challenges for a bearer token (<c>WWW-Authenticate: Bearer</c>); an endpoint's own 401 (such as a wrong current
/// secret when rotating) is returned as it is. When no token can be obtained, the token endpoint's answer is returned
/// in the request's place: 401 for a wrong or disabled credential, 429 when its rate limit is reached. A request body is
/// buffered before the first send, so that it can be sent again.
/// </para>
/// <para>
/// <see cref="FinanceMatchServiceCollectionExtensions.AddFinanceMatchClient"/> adds it for you. Without dependency
/// injection, give it an inner handler and keep one instance per client for as long as the client lives:
/// <code>
/// var handler = new ClientCredentialsHandler(options) { InnerHandler = new SocketsHttpHandler() };
/// var client = new FinanceMatchClient(new HttpClient(handler) { BaseAddress = options.BaseAddress });
/// </code>
/// </para>
/// </remarks>
public sealed class ClientCredentialsHandler : DelegatingHandler
{
    /// <summary>Marks a request whose Authorization this handler set, so that it replaces it when the request comes again.</summary>
    private static readonly HttpRequestOptionsKey<bool> SignedIn = new("FinanceMatch.Client.ClientCredentialsHandler");

    /// <summary>The largest request body kept in memory so it can be sent again after a refused token.</summary>
    public const long MaxReplayedBytes = 1024 * 1024;

    private readonly AccessTokenSource tokens;

    /// <summary>
    /// A handler for the client whose <see cref="FinanceMatchClientOptions.BaseAddress"/>,
    /// <see cref="FinanceMatchClientOptions.ClientId"/> and <see cref="FinanceMatchClientOptions.ClientSecret"/> are
    /// given (the values are copied: later changes to <paramref name="options"/> have no effect).
    /// </summary>
    /// <param name="options">The server and the client's credentials.</param>
    /// <param name="timeProvider">The clock that decides when a token is renewed; the system's by default.</param>
    /// <exception cref="ArgumentException">An option is missing or wrong; the message names it.</exception>
    public ClientCredentialsHandler(FinanceMatchClientOptions options, TimeProvider? timeProvider = null)
        : this(
            AccessTokenSource.For(
                options ?? throw new ArgumentNullException(nameof(options)),
                timeProvider ?? TimeProvider.System,
                nameof(options)
            )
        ) { }

    internal ClientCredentialsHandler(AccessTokenSource tokens) => this.tokens = tokens;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        if (
            (request.Headers.Authorization is not null && !request.Options.TryGetValue(SignedIn, out _))
            || !tokens.Serves(request.RequestUri)
        )
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var transport =
            InnerHandler
            ?? throw new InvalidOperationException("Give the ClientCredentialsHandler an InnerHandler before use.");
        // The first send consumes a streamed body; buffered, the same body goes again with the new token. A stream of
        // unknown length or a body over MaxReplayedBytes (a feed batch from a file) is not held in memory: it goes once,
        // and a refused token is the caller's answer. JSON and form bodies are made in memory anyway.
        var replayable = true;
        if (request.Content is { } content and not ByteArrayContent and not ReadOnlyMemoryContent)
        {
            replayable = content.Headers.ContentLength is { } length
                ? length <= MaxReplayedBytes
                : content is not StreamContent;
            if (replayable)
                await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var (token, refusal) = await tokens.GetAsync(transport, refused: null, cancellationToken).ConfigureAwait(false);
        if (refusal is not null || token is null)
            return InPlaceOf(request, refusal);
        var response = await SendWithAsync(request, token, cancellationToken).ConfigureAwait(false);
        if (!IsRefusedToken(response) || !replayable)
            return response;

        response.Dispose();
        (token, refusal) = await tokens.GetAsync(transport, refused: token, cancellationToken).ConfigureAwait(false);
        if (refusal is not null || token is null)
            return InPlaceOf(request, refusal);
        return await SendWithAsync(request, token, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendWithAsync(
        HttpRequestMessage request,
        AccessToken token,
        CancellationToken cancellationToken
    )
    {
        request.Headers.Authorization = token.Header();
        request.Options.Set(SignedIn, true);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>RFC 6750 §3: a refused or expired bearer token is answered 401 with a Bearer challenge.</summary>
    private static bool IsRefusedToken(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        && response.Headers.WwwAuthenticate.Any(challenge =>
            string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        );

    /// <summary>The token endpoint's error, answered as the request's own (its request held the secret).</summary>
    private static HttpResponseMessage InPlaceOf(HttpRequestMessage request, HttpResponseMessage? refusal)
    {
        var response =
            refusal
            ?? throw new InvalidOperationException("The token source returned neither a token nor the reason why not.");
        response.RequestMessage = request;
        return response;
    }
}

namespace FinanceMatch.Client;

/// <summary>
/// Where the FinanceMatch API is and, for a client that signs in by itself, the client id and secret the platform
/// issued. Read by <see cref="FinanceMatchServiceCollectionExtensions.AddFinanceMatchClient"/> and
/// <see cref="ClientCredentialsHandler"/>, which check them at once.
/// </summary>
public sealed class FinanceMatchClientOptions
{
    /// <summary>
    /// The server's root, an absolute http or https address such as <c>https://financematch.example.com/</c>; the
    /// API's paths (<c>/api/v1/…</c>) go after its path. Required.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The client id (<c>bank_…</c>); given with <see cref="ClientSecret"/>, or neither for anonymous calls.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The client secret, shown once when the credential was issued, rotated or reset: keep it in a secret store. It is
    /// sent only in the body of the token request, never with other requests.
    /// </summary>
    public string? ClientSecret { get; set; }

    internal bool HasClientCredentials =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is missing or wrong.</summary>
    internal void Validate(string? paramName)
    {
        if (BaseAddress is null)
            throw new ArgumentException(
                "FinanceMatchClientOptions.BaseAddress is required: the absolute address of the FinanceMatch server, "
                    + "such as https://financematch.example.com/.",
                paramName
            );
        if (!BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("http" or "https"))
            throw new ArgumentException(
                $"FinanceMatchClientOptions.BaseAddress must be an absolute http or https address; '{BaseAddress}' is not.",
                paramName
            );
        if (BaseAddress.Scheme == "http" && !BaseAddress.IsLoopback && !string.IsNullOrWhiteSpace(ClientSecret))
            throw new ArgumentException(
                $"FinanceMatchClientOptions.BaseAddress must be https to send client credentials ('{BaseAddress}' is "
                    + "plain http and not this machine): the secret and the tokens would cross the network in clear.",
                paramName
            );
        if (string.IsNullOrWhiteSpace(ClientId) != string.IsNullOrWhiteSpace(ClientSecret))
            throw new ArgumentException(
                "FinanceMatchClientOptions.ClientId and ClientSecret go together: give both to sign in with the client's "
                    + "credentials, or neither for anonymous calls.",
                paramName
            );
    }
}

using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Sign-in and the caller's own credentials.</summary>
public interface IAuthApi
{
    /// <summary>Exchanges a client id and secret for a bearer token.</summary>
    [Post("/api/v1/auth/token")]
    Task<TokenResponse> GetTokenAsync([Body] TokenBody request, CancellationToken cancellationToken = default);

    /// <summary>Who the current token belongs to.</summary>
    [Get("/api/v1/auth/me")]
    Task<CallerDto> GetCallerAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the caller's own secret, given the current one; the new one is returned once, and every earlier token ends.</summary>
    [Post("/api/v1/credentials/rotate")]
    Task<ClientCredentials> RotateSecretAsync(
        [Body] RotateSecretBody request,
        CancellationToken cancellationToken = default
    );
}

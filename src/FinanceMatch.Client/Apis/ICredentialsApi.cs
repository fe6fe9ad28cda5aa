using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Operators manage every client's credential and read the security log.</summary>
public interface ICredentialsApi
{
    /// <summary>One credential (never its secret).</summary>
    [Get("/api/v1/credentials/{clientId}")]
    Task<CredentialDto> GetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Disables a client: it cannot sign in, and its tokens are refused at once.</summary>
    [Post("/api/v1/credentials/{clientId}/disable")]
    Task<CredentialDto> DisableAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Enables a disabled client again (tokens issued before the disable stay refused).</summary>
    [Post("/api/v1/credentials/{clientId}/enable")]
    Task<CredentialDto> EnableAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Gives a client a new secret (returned once) and ends every earlier token.</summary>
    [Post("/api/v1/credentials/{clientId}/reset")]
    Task<ClientCredentials> ResetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The append-only security log, newest first.</summary>
    [Get("/api/v1/security-events")]
    Task<Paged<SecurityEventDto>> ListEventsAsync(
        string? kind = null,
        string? clientId = null,
        Guid? subjectId = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Makes a new token signing key current; tokens signed with the previous one stay valid until they expire.</summary>
    [Post("/api/v1/signing-keys/rotate")]
    Task<SigningKeyDto> RotateSigningKeyAsync(CancellationToken cancellationToken = default);
}

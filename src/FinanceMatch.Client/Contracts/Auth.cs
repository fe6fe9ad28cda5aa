namespace FinanceMatch.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/auth/token</c> as JSON (the form of RFC 6749 client credentials is accepted too).</summary>
/// <param name="ClientId">The client id the platform issued, at most 64 characters.</param>
/// <param name="ClientSecret">The client's secret, at most 256 characters.</param>
public sealed record TokenBody(string ClientId, string ClientSecret);

/// <summary>
/// Body of <c>POST /api/v1/auth/token</c> as <c>application/x-www-form-urlencoded</c> (RFC 6749 §4.4, client credentials).
/// The client may instead send its id and secret as HTTP Basic authentication.
/// </summary>
/// <param name="GrantType">Always <c>client_credentials</c>.</param>
/// <param name="ClientId">The client id, unless given by Basic authentication.</param>
/// <param name="ClientSecret">The client secret, unless given by Basic authentication.</param>
/// <param name="Scope">Ignored: a token carries its client's role.</param>
public sealed record ClientCredentialsGrant(
    [property: System.Text.Json.Serialization.JsonPropertyName("grant_type")] string GrantType,
    [property: System.Text.Json.Serialization.JsonPropertyName("client_id")] string? ClientId,
    [property: System.Text.Json.Serialization.JsonPropertyName("client_secret")] string? ClientSecret,
    [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string? Scope
);

/// <summary>The RFC 6749 §5.1 token response to a form request.</summary>
/// <param name="AccessToken">The bearer token (a signed JWT), sent as <c>Authorization: Bearer</c> followed by the token.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until the token expires (3600 by default).</param>
public sealed record OAuthTokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn
);

/// <summary>Body of <c>POST /api/v1/credentials/rotate</c>: the caller proves it still holds the current secret.</summary>
/// <param name="CurrentSecret">The secret in force now, at most 256 characters; a wrong one is 401, and five wrong ones in an hour block rotation (429).</param>
public sealed record RotateSecretBody(string CurrentSecret);

/// <summary>A credential as operators see it (never its secret).</summary>
/// <remarks>
/// Enabled: False once disabled: it cannot sign in and its tokens are refused. <br/>
/// Version: Moves on with every rotation, reset and disable; tokens of an earlier version are refused.
/// </remarks>
/// <param name="ClientId">The client id the credential signs in with.</param>
/// <param name="Role">The role its tokens carry.</param>
/// <param name="SubjectId">The institution, department or enterprise it acts for (UUID); for an operator, the credential's own id.</param>
/// <param name="Enabled">False once disabled: it cannot sign in and its tokens are refused.</param>
/// <param name="Version">Starts at 1 and moves on with every rotation, reset and disable; tokens of an earlier version are refused.</param>
/// <param name="CreatedAt">When the credential was issued (ISO 8601, UTC).</param>
/// <param name="SecretRotatedAt">When the secret was last rotated or reset (ISO 8601, UTC); null if never.</param>
/// <param name="DisabledAt">When it was disabled (ISO 8601, UTC); null while enabled.</param>
public sealed record CredentialDto(
    string ClientId,
    Role Role,
    Guid SubjectId,
    bool Enabled,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SecretRotatedAt,
    DateTimeOffset? DisabledAt
);

/// <summary>What the security log records.</summary>
public enum SecurityEventKind
{
    /// <summary>A credential was created (onboarding, registration, the first operator).</summary>
    CredentialIssued,

    /// <summary>Its holder rotated the secret.</summary>
    SecretRotated,

    /// <summary>An operator reset the secret.</summary>
    SecretReset,

    /// <summary>An operator disabled the credential.</summary>
    CredentialDisabled,

    /// <summary>An operator enabled it again.</summary>
    CredentialEnabled,

    /// <summary>A firm's registration was verified.</summary>
    EnterpriseVerified,

    /// <summary>A firm's registration was rejected.</summary>
    EnterpriseRejected,

    /// <summary>A verification attempt failed.</summary>
    VerificationFailed,

    /// <summary>An operator rotated the token signing key.</summary>
    SigningKeyRotated,

    /// <summary>A rotation was refused: the current secret given was wrong (a stolen token trying its luck).</summary>
    SecretRotationRefused,

    /// <summary>An operator handed a department's records to its successor.</summary>
    RecordsTransferred,
}

/// <summary>One entry of the append-only security log.</summary>
/// <remarks>
/// ClientId: The credential concerned. <br/>
/// SubjectId: The institution, department, enterprise or operator concerned. <br/>
/// ActorClientId: Who acted (an operator, the party itself); absent for the platform.
/// </remarks>
/// <param name="Id">The entry's id (UUID).</param>
/// <param name="OccurredAt">When it happened (ISO 8601, UTC).</param>
/// <param name="Kind">What happened.</param>
/// <param name="ClientId">The credential concerned; null when none is (a signing key rotation).</param>
/// <param name="SubjectId">The institution, department, enterprise or operator concerned (UUID); null when none is.</param>
/// <param name="ActorClientId">The client id of who acted (an operator, the party itself); null for the platform.</param>
/// <param name="Detail">A readable note on the event, at most 2000 characters; null when none.</param>
public sealed record SecurityEventDto(
    Guid Id,
    DateTimeOffset OccurredAt,
    SecurityEventKind Kind,
    string? ClientId,
    Guid? SubjectId,
    string? ActorClientId,
    string? Detail
);

/// <summary>The token signing key now in force.</summary>
/// <remarks>
/// Kid: The key id new tokens carry in their header.
/// </remarks>
/// <param name="Kid">The key id new tokens carry in their header (16 lowercase hex characters).</param>
/// <param name="CreatedAt">When the key was made (ISO 8601, UTC); tokens signed with the previous key stay valid until they expire.</param>
public sealed record SigningKeyDto(string Kid, DateTimeOffset CreatedAt);

/// <summary>A bearer token and its lifetime in seconds.</summary>
/// <param name="AccessToken">The bearer token (a signed JWT), sent as <c>Authorization: Bearer</c> followed by the token.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until the token expires (3600 by default).</param>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>Roles a token can carry.</summary>
public enum Role
{
    /// <summary>Platform operator.</summary>
    Operator,

    /// <summary>Financial institution: a bank, guarantor or insurer.</summary>
    Bank,

    /// <summary>Government department pushing feeds.</summary>
    Department,

    /// <summary>A registered firm.</summary>
    Enterprise,
}

/// <summary>Who the bearer of a token is: <c>GET /api/v1/auth/me</c>.</summary>
/// <param name="ClientId">The client id the token was issued to.</param>
/// <param name="Role">The role the token carries.</param>
/// <param name="SubjectId">The institution, department or enterprise the caller acts for (UUID); for an operator, its credential's own id.</param>
public sealed record CallerDto(string ClientId, Role Role, Guid SubjectId);

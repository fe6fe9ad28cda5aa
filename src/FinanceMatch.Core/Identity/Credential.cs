namespace FinanceMatch.Core.Identity;

/// <summary>
/// A client id and hashed secret that signs one party in. <see cref="SubjectId"/> is the institution,
/// department or enterprise the credential acts for; an operator's subject is the credential itself.
/// Every token carries the <see cref="Version"/> it was issued under: rotating, resetting or disabling the credential
/// moves the version on, which ends every earlier token at its next request.
/// </summary>
public sealed class Credential
{
    private Credential() { }

    public Guid Id { get; private set; }
    public string ClientId { get; private set; } = null!;
    public string SecretHash { get; private set; } = null!;
    public Role Role { get; private set; }
    public Guid SubjectId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SecretRotatedAt { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }
    public uint RowVersion { get; private set; }

    public bool IsEnabled => DisabledAt is null;

    public static Credential Issue(Role role, Guid? subjectId, string clientId, string secretHash, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new Credential
        {
            Id = id,
            ClientId = clientId,
            SecretHash = secretHash,
            Role = role,
            SubjectId = subjectId ?? id,
            CreatedAt = now,
            Version = 1,
        };
    }

    /// <summary>A new secret, by its holder (who proved the current one) or by an operator's reset.</summary>
    public void ReplaceSecret(string secretHash, DateTimeOffset now)
    {
        SecretHash = secretHash;
        SecretRotatedAt = now;
        Version++;
    }

    /// <summary>Returns false when it was already disabled (nothing changes).</summary>
    public bool Disable(DateTimeOffset now)
    {
        if (!IsEnabled)
            return false;
        DisabledAt = now;
        Version++;
        return true;
    }

    /// <summary>Returns false when it was already enabled. Tokens ended by the disable stay ended.</summary>
    public bool Enable()
    {
        if (IsEnabled)
            return false;
        DisabledAt = null;
        return true;
    }
}

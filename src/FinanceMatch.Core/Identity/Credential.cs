namespace FinanceMatch.Core.Identity;

/// <summary>
/// A client id and hashed secret that signs one party in. <see cref="SubjectId"/> is the institution,
/// department or enterprise the credential acts for; an operator's subject is the credential itself.
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
        };
    }

    public void RotateSecret(string secretHash, DateTimeOffset now)
    {
        SecretHash = secretHash;
        SecretRotatedAt = now;
    }
}

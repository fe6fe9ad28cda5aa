using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Makes the credential of a newly onboarded party and logs its issue in the security log, both added to the caller's
/// unit of work; the plain secret leaves here once and is never stored.
/// </summary>
public sealed class CredentialIssuer(SecretHasher hasher, TimeProvider clock)
{
    public (Credential Credential, string Secret) IssueInto(
        FinanceMatchDbContext db,
        Role role,
        Guid subjectId,
        string? actorClientId
    )
    {
        var now = clock.GetUtcNow();
        var secret = SecretHasher.NewSecret();
        var credential = Credential.Issue(
            role,
            subjectId,
            SecretHasher.NewClientId(role),
            hasher.HashGenerated(secret),
            now
        );
        db.Credentials.Add(credential);
        db.SecurityEvents.Add(
            SecurityEvent.Of(
                SecurityEventKind.CredentialIssued,
                credential,
                actorClientId,
                $"A {Policies.RoleName(role)} credential.",
                now
            )
        );
        return (credential, secret);
    }
}

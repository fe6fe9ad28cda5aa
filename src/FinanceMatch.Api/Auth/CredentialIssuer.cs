using FinanceMatch.Core.Identity;

namespace FinanceMatch.Api.Auth;

/// <summary>Makes the credential of a newly onboarded party; the plain secret leaves here once and is never stored.</summary>
public sealed class CredentialIssuer(SecretHasher hasher, TimeProvider clock)
{
    public (Credential Credential, string Secret) Issue(Role role, Guid subjectId)
    {
        var secret = SecretHasher.NewSecret();
        return (Credential.Issue(role, subjectId, SecretHasher.NewClientId(role), hasher.HashGenerated(secret), clock.GetUtcNow()), secret);
    }
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainConsent = FinanceMatch.Core.Consents.Consent;

namespace FinanceMatch.Api.Features.Consents;

internal static class ConsentMapping
{
    public static ConsentDto ToDto(this DomainConsent c, DateTimeOffset now) =>
        new(
            c.Id,
            c.EnterpriseId,
            c.InstitutionId,
            c.LoanRequestId,
            c.Scopes.Select(s => s.Map<ConsentScope>()).ToList(),
            c.Purpose.Map<ConsentPurpose>(),
            c.ExpiresAt,
            c.Status == Core.Consents.ConsentStatus.Revoked ? ConsentStatus.Revoked
                : c.ExpiresAt <= now ? ConsentStatus.Expired
                : ConsentStatus.Active,
            c.CreatedAt,
            c.RevokedAt
        );
}

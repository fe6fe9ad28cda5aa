using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Consent = FinanceMatch.Core.Consents.Consent;
using DomainPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainScope = FinanceMatch.Core.Consents.ConsentScope;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Consents;

internal static class ConsentMapping
{
    public static ConsentDto ToDto(this Consent c, DateTimeOffset now) =>
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

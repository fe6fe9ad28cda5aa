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

/// <summary>Who may see and change a firm's consents.</summary>
internal static class ConsentAccess
{
    /// <summary>A firm's own consents: the firm itself always; operators may read but not change them.</summary>
    public static void EnsureFirmOrOperator(Caller caller, Guid enterpriseId, bool write)
    {
        if (caller.IsParty(Role.Enterprise, enterpriseId))
            return;
        if (!write && caller.Is(Role.Operator))
            return;
        throw new NotFoundException("No enterprise has this id.");
    }
}

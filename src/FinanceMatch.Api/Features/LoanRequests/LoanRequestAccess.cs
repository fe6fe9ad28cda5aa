using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Matching;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using DomainLoanRequest = FinanceMatch.Core.LoanRequests.LoanRequest;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.LoanRequests;

/// <summary>Who may see and change a loan request: its firm, operators, and a bank matched to it (its own match only).</summary>
internal static class LoanRequestAccess
{
    /// <summary>
    /// A request as its caller may see it: the firm and operators see it whole; a bank matched to it sees it with its own
    /// match only; anyone else is told it does not exist.
    /// </summary>
    public static async Task<LoanRequestDto> VisibleAsync(
        FinanceMatchDbContext db,
        Guid requestId,
        Caller caller,
        CancellationToken ct
    )
    {
        var request = await db.LoanRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
        var matches = request is null
            ? []
            : await db
                .Matches.AsNoTracking()
                .Where(m => m.LoanRequestId == requestId)
                .VisibleTo(caller)
                .ToListAsync(ct);
        var visible =
            request is not null
            && (
                caller.Is(DomainRole.Operator)
                || caller.IsParty(DomainRole.Enterprise, request.EnterpriseId)
                // A bank while its match is in play, as the request's consent covers it: one that declined, let the
                // match expire or was passed over does not follow what becomes of the request (a referral, another bank).
                || (caller.Is(DomainRole.Bank) && matches.Any(m => Match.ConsentCoveredStatuses.Contains(m.Status)))
            );
        return visible
            ? request!.ToDto(matches, forBank: caller.Is(DomainRole.Bank))
            : throw new NotFoundException("No loan request has this id.");
    }

    /// <summary>The firm's own request, tracked for a change; anyone else's is not found.</summary>
    public static async Task<DomainLoanRequest> FindOwnAsync(
        FinanceMatchDbContext db,
        Guid enterpriseId,
        Guid requestId,
        CancellationToken ct
    ) =>
        await db.LoanRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.EnterpriseId == enterpriseId, ct)
        ?? throw new NotFoundException("This enterprise has no loan request with this id.");

    /// <summary>A request the caller may study in full (the firm itself, operators).</summary>
    public static async Task<DomainLoanRequest> FindForFirmOrOperatorAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid requestId,
        CancellationToken ct
    )
    {
        var request = await db.LoanRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (
            request is null
            || !(caller.Is(DomainRole.Operator) || caller.IsParty(DomainRole.Enterprise, request.EnterpriseId))
        )
            throw new NotFoundException("No loan request has this id.");
        return request;
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainConsentStatus = FinanceMatch.Core.Consents.ConsentStatus;
using DomainInstitutionKind = FinanceMatch.Core.Institutions.InstitutionKind;
using DomainLoanRequest = FinanceMatch.Core.LoanRequests.LoanRequest;
using DomainLoanRequestStatus = FinanceMatch.Core.LoanRequests.LoanRequestStatus;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.DemandHall;

/// <summary>Which requests are in the demand hall, and for which bank: the one definition the hall's uses share.</summary>
public static class DemandHallAccess
{
    /// <summary>
    /// The hall is for lending banks (and operators): a guarantor or insurer signs in with a bank's role but is 403 here,
    /// or a guarantor whose part ended would find the firm again.
    /// </summary>
    public static async Task EnsureLendingBankAsync(FinanceMatchDbContext db, Caller caller, CancellationToken ct)
    {
        if (!caller.Is(DomainRole.Bank))
            return;
        var subject = caller.SubjectId;
        if (!await db.Institutions.AnyAsync(i => i.Id == subject && i.Kind == DomainInstitutionKind.Bank, ct))
            throw new ForbiddenException("The demand hall is for lending banks.");
    }

    /// <summary>
    /// The requests in the hall as <paramref name="institutionId"/> sees it (an operator: <see cref="Guid.Empty"/>): settled
    /// by matching (matched or not) with no offer in play (every match declined, withdrawn or expired, or none), under a
    /// consent still in force, made to every bank (one made to a chosen product stays with it), and never one the bank
    /// already had a match for (it has seen it, and said no).
    /// </summary>
    public static IQueryable<DomainLoanRequest> InHall(FinanceMatchDbContext db, Guid institutionId, DateTimeOffset now)
    {
        var covered = DomainMatch.ConsentCoveredStatuses.ToList();
        return db.LoanRequests.Where(r =>
            (r.Status == DomainLoanRequestStatus.Matched || r.Status == DomainLoanRequestStatus.NoMatch)
            && r.ProductId == null
            && db.Consents.Any(c => c.Id == r.ConsentId && c.Status == DomainConsentStatus.Active && c.ExpiresAt > now)
            && !db.Matches.Any(m =>
                m.LoanRequestId == r.Id && (covered.Contains(m.Status) || m.InstitutionId == institutionId)
            )
        );
    }
}

using FinanceMatch.Core.Data;
using DomainConsentStatus = FinanceMatch.Core.Consents.ConsentStatus;
using DomainLoanRequest = FinanceMatch.Core.LoanRequests.LoanRequest;
using DomainLoanRequestStatus = FinanceMatch.Core.LoanRequests.LoanRequestStatus;
using DomainMatch = FinanceMatch.Core.Matching.Match;

namespace FinanceMatch.Api.Features.DemandHall;

/// <summary>Which requests are in the demand hall, and for which bank: the one definition the hall's uses share.</summary>
public static class DemandHallAccess
{
    /// <summary>
    /// The requests in the hall as <paramref name="institutionId"/> sees it (an operator: <see cref="Guid.Empty"/>): settled
    /// by matching (matched or not) with no offer in play (every match declined, withdrawn or expired, or none), under a
    /// consent still in force, and never one the bank already had a match for (it has seen it, and said no).
    /// </summary>
    public static IQueryable<DomainLoanRequest> InHall(FinanceMatchDbContext db, Guid institutionId, DateTimeOffset now)
    {
        var covered = DomainMatch.ConsentCoveredStatuses.ToList();
        return db.LoanRequests.Where(r =>
            (r.Status == DomainLoanRequestStatus.Matched || r.Status == DomainLoanRequestStatus.NoMatch)
            && db.Consents.Any(c => c.Id == r.ConsentId && c.Status == DomainConsentStatus.Active && c.ExpiresAt > now)
            && !db.Matches.Any(m =>
                m.LoanRequestId == r.Id && (covered.Contains(m.Status) || m.InstitutionId == institutionId)
            )
        );
    }
}

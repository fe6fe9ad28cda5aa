using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainLoanRequest = FinanceMatch.Core.LoanRequests.LoanRequest;

namespace FinanceMatch.Api.Features.LoanRequests;

internal static class LoanRequestMapping
{
    /// <summary>The request with its matches, whole (for the firm and operators) or as a bank may see them.</summary>
    public static LoanRequestDto ToDto(
        this DomainLoanRequest r,
        IEnumerable<Core.Matching.Match> matches,
        bool forBank = false
    ) =>
        new(
            r.Id,
            r.EnterpriseId,
            r.Amount,
            r.TermMonths,
            r.Purpose,
            r.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(),
            r.MaxAnnualRate,
            r.Status.Map<LoanRequestStatus>(),
            r.ConsentId,
            r.CreatedAt,
            r.MatchedAt,
            matches.OrderBy(m => m.Rank).Select(m => m.ToDtoFor(forBank)).ToList(),
            r.ProductId,
            // A bank is not told that the firm was declined elsewhere and referred.
            forBank ? 0 : r.Referrals,
            r.PurposeCategory.Map<PurposeCategory>()
        );
}

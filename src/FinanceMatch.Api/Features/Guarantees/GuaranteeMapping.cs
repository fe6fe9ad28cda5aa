using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainEligibility = FinanceMatch.Core.Products.Eligibility;
using DomainGuarantee = FinanceMatch.Core.Guarantees.Guarantee;
using DomainGuaranteeProduct = FinanceMatch.Core.Guarantees.GuaranteeProduct;
using DomainGuaranteeTerms = FinanceMatch.Core.Guarantees.GuaranteeTerms;

namespace FinanceMatch.Api.Features.Guarantees;

internal static class GuaranteeMapping
{
    /// <summary>The product; what its guarantees hold of the capacity only to its institution and operators.</summary>
    public static GuaranteeProductDto ToDto(this DomainGuaranteeProduct p, Caller caller)
    {
        var t = p.ReadTerms();
        var e = t.Eligibility;
        return new(
            p.Id,
            p.InstitutionId,
            t.Name,
            t.Description,
            t.CoverageRatio,
            t.AnnualFeeRate,
            t.MinAmount,
            t.MaxAmount,
            t.Capacity,
            t.DivisionPrefixes,
            t.IndustryPrefixes,
            new EligibilityDto(
                e.MinGrade,
                e.MinScore,
                e.MinYearsInOperation,
                e.MinAnnualTaxPaid,
                e.MinInsuredEmployees,
                e.ExcludeDishonestDebtors,
                e.ExcludeSeriousPenaltiesMonths
            ),
            p.Status.Map<GuaranteeProductStatus>(),
            p.CreatedAt,
            p.PublishedAt,
            GuaranteeAccess.Manages(caller, p.InstitutionId) ? p.Committed : null
        );
    }

    public static DomainGuaranteeTerms ToTerms(this GuaranteeProductBody b)
    {
        var e = b.Eligibility ?? new EligibilityDto();
        return new(
            b.Name.Trim(),
            b.Description?.Trim() ?? "",
            b.CoverageRatio,
            b.AnnualFeeRate,
            b.MinAmount,
            b.MaxAmount,
            b.Capacity,
            [.. (b.DivisionPrefixes ?? []).Distinct()],
            [.. (b.IndustryPrefixes ?? []).Select(p => p.ToUpperInvariant()).Distinct()],
            new DomainEligibility(
                e.MinGrade?.Trim().ToUpperInvariant(),
                e.MinScore,
                e.MinYearsInOperation,
                e.MinAnnualTaxPaid,
                e.MinInsuredEmployees,
                e.ExcludeDishonestDebtors ?? true,
                e.ExcludeSeriousPenaltiesMonths
            )
        );
    }

    public static GuaranteeDto ToDto(this DomainGuarantee g) =>
        new(
            g.Id,
            g.LoanRequestId,
            g.EnterpriseId,
            g.GuaranteeProductId,
            g.InstitutionId,
            g.CoverageRatio,
            g.AnnualFeeRate,
            g.Amount,
            g.TermMonths,
            g.Status.Map<GuaranteeStatus>(),
            g.Committed,
            g.DeclineReason,
            g.LoanId,
            g.ClaimedLoss,
            g.ClaimAmount,
            g.ClaimNote,
            g.CreatedAt,
            g.DecidedAt,
            g.ClaimedAt,
            g.ClaimDecidedAt,
            g.UpdatedAt
        );
}

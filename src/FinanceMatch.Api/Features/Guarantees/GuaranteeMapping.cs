using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainEligibility = FinanceMatch.Core.Products.Eligibility;
using DomainGuaranteeProduct = FinanceMatch.Core.Guarantees.GuaranteeProduct;
using DomainGuaranteeTerms = FinanceMatch.Core.Guarantees.GuaranteeTerms;

namespace FinanceMatch.Api.Features.Guarantees;

internal static class GuaranteeMapping
{
    public static GuaranteeProductDto ToDto(this DomainGuaranteeProduct p)
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
            p.PublishedAt
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
}

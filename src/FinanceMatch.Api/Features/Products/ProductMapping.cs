using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainEligibility = FinanceMatch.Core.Products.Eligibility;
using DomainGuaranteeType = FinanceMatch.Core.Products.GuaranteeType;
using DomainListTerms = FinanceMatch.Core.Products.ListTerms;
using DomainProduct = FinanceMatch.Core.Products.Product;
using DomainProductTerms = FinanceMatch.Core.Products.ProductTerms;

namespace FinanceMatch.Api.Features.Products;

internal static class ProductMapping
{
    public static ProductDto ToDto(this DomainProduct p) =>
        new(
            p.Id,
            p.InstitutionId,
            p.Version,
            p.Status.Map<ProductStatus>(),
            p.Name,
            p.Description,
            p.MinAmount,
            p.MaxAmount,
            p.MinTermMonths,
            p.MaxTermMonths,
            p.MinAnnualRate,
            p.MaxAnnualRate,
            p.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(),
            p.DivisionPrefixes,
            new IndustryPrefixes(p.IndustryInclude, p.IndustryExclude),
            new EligibilityDto(
                p.MinGrade,
                p.MinScore,
                p.MinYearsInOperation,
                p.MinAnnualTaxPaid,
                p.MinInsuredEmployees,
                p.ExcludeDishonestDebtors,
                p.ExcludeSeriousPenaltiesMonths,
                p.EligibleLists
            ),
            p.Tags,
            p.CreatedAt,
            p.UpdatedAt,
            p.PublishedAt,
            ListTerms: p.ListRateDiscount is { } discount ? new ListTermsDto(p.DiscountLists, discount) : null
        );

    public static DomainProductTerms ToTerms(this ProductBody r)
    {
        var e = r.Eligibility ?? new EligibilityDto();
        return new DomainProductTerms(
            r.Name,
            r.Description ?? "",
            r.MinAmount,
            r.MaxAmount,
            r.MinTermMonths,
            r.MaxTermMonths,
            r.MinAnnualRate,
            r.MaxAnnualRate,
            r.GuaranteeTypes.Select(g => g.Map<DomainGuaranteeType>()).ToList(),
            r.DivisionPrefixes ?? [],
            Upper(r.IndustryPrefixes?.Include),
            Upper(r.IndustryPrefixes?.Exclude),
            new DomainEligibility(
                e.MinGrade?.Trim().ToUpperInvariant(),
                e.MinScore,
                e.MinYearsInOperation,
                e.MinAnnualTaxPaid,
                e.MinInsuredEmployees,
                e.ExcludeDishonestDebtors ?? true,
                e.ExcludeSeriousPenaltiesMonths,
                e.Lists ?? []
            ),
            r.Tags ?? [],
            r.ListTerms is { } listTerms ? new DomainListTerms(listTerms.Lists ?? [], listTerms.RateDiscount) : null
        );
    }

    /// <summary>Industry codes are upper case (C39); a prefix written c39 means the same.</summary>
    private static List<string> Upper(IReadOnlyList<string>? prefixes) =>
        prefixes?.Select(p => p.ToUpperInvariant()).ToList() ?? [];
}

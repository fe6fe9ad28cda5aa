using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Profiles;
using FluentValidation;
using Domain = FinanceMatch.Core.Products;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Products;

internal static class ProductMapping
{
    public static ProductDto ToDto(this Domain.Product p) =>
        new(p.Id, p.InstitutionId, p.Version, p.Status.Map<ProductStatus>(), p.Name, p.Description, p.MinAmount, p.MaxAmount,
            p.MinTermMonths, p.MaxTermMonths, p.MinAnnualRate, p.MaxAnnualRate, p.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(),
            p.DivisionPrefixes, new IndustryPrefixes(p.IndustryInclude, p.IndustryExclude),
            new EligibilityDto(p.MinGrade, p.MinScore, p.MinYearsInOperation, p.MinAnnualTaxPaid, p.MinInsuredEmployees,
                p.ExcludeDishonestDebtors, p.ExcludeSeriousPenaltiesMonths),
            p.Tags, p.CreatedAt, p.UpdatedAt, p.PublishedAt);

    public static Domain.ProductTerms ToTerms(this ProductRequest r)
    {
        var e = r.Eligibility ?? new EligibilityDto();
        return new Domain.ProductTerms(r.Name, r.Description ?? "", r.MinAmount, r.MaxAmount, r.MinTermMonths, r.MaxTermMonths,
            r.MinAnnualRate, r.MaxAnnualRate, r.GuaranteeTypes.Select(g => g.Map<Domain.GuaranteeType>()).ToList(),
            r.DivisionPrefixes ?? [], Upper(r.IndustryPrefixes?.Include), Upper(r.IndustryPrefixes?.Exclude),
            new Domain.Eligibility(e.MinGrade?.Trim().ToUpperInvariant(), e.MinScore, e.MinYearsInOperation, e.MinAnnualTaxPaid,
                e.MinInsuredEmployees, e.ExcludeDishonestDebtors ?? true, e.ExcludeSeriousPenaltiesMonths),
            r.Tags ?? []);
    }

    /// <summary>Industry codes are upper case (C39); a prefix written c39 means the same.</summary>
    private static List<string> Upper(IReadOnlyList<string>? prefixes) => prefixes?.Select(p => p.ToUpperInvariant()).ToList() ?? [];

    /// <summary>Drafts and withdrawn products exist only for their own bank and operators; published ones for everyone.</summary>
    public static bool IsVisibleTo(this Domain.Product p, ClaimsPrincipal caller) =>
        p.Status == Domain.ProductStatus.Published || caller.Is(Role.Operator) || caller.IsParty(Role.Bank, p.InstitutionId);
}

/// <summary>The shape of a product's terms, shared by create and edit; errors are keyed by the body's own field paths.</summary>
public sealed class ProductRequestValidator : AbstractValidator<ProductRequest>
{
    public const decimal MaxAnnualRate = 36m;

    public ProductRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(4000);
        RuleFor(r => r.MinAmount).MustBeMoney().GreaterThan(0);
        RuleFor(r => r.MaxAmount).MustBeMoney().GreaterThan(0)
            .GreaterThanOrEqualTo(r => r.MinAmount).WithMessage("maxAmount must be at least minAmount.");
        RuleFor(r => r.MinTermMonths).InclusiveBetween(1, 360);
        RuleFor(r => r.MaxTermMonths).InclusiveBetween(1, 360)
            .GreaterThanOrEqualTo(r => r.MinTermMonths).WithMessage("maxTermMonths must be at least minTermMonths.");
        RuleFor(r => r.MinAnnualRate).MustBeRate();
        RuleFor(r => r.MaxAnnualRate).MustBeRate()
            .GreaterThanOrEqualTo(r => r.MinAnnualRate).WithMessage("maxAnnualRate must be at least minAnnualRate.");
        RuleFor(r => r.GuaranteeTypes).NotEmpty().WithMessage("Name at least one guarantee type.");
        RuleForEach(r => r.GuaranteeTypes).IsInEnum();
        RuleFor(r => r.DivisionPrefixes).Must(p => p is null || p.Count <= 100).WithMessage("At most 100 division prefixes.");
        RuleForEach(r => r.DivisionPrefixes).Matches("^[0-9]{2,6}$").WithMessage("A division prefix is 2 to 6 digits of a GB/T 2260 code, e.g. 44 or 4406.");
        RuleForEach(r => r.IndustryPrefixes!.Include).Matches("^[A-Ta-t][0-9]{0,2}$")
            .WithMessage("An industry prefix is a GB/T 4754 section letter and up to two digits, e.g. C or C39.")
            .When(r => r.IndustryPrefixes?.Include is not null);
        RuleForEach(r => r.IndustryPrefixes!.Exclude).Matches("^[A-Ta-t][0-9]{0,2}$")
            .WithMessage("An industry prefix is a GB/T 4754 section letter and up to two digits, e.g. C or C39.")
            .When(r => r.IndustryPrefixes?.Exclude is not null);
        When(r => r.Eligibility is not null, () =>
        {
            RuleFor(r => r.Eligibility!.MinGrade).Must(g => g is null || ScoringModel.Current.IsGrade(g.Trim().ToUpperInvariant()))
                .WithMessage($"minGrade must be one of {string.Join(", ", ScoringModel.Current.Grades.Select(g => g.Grade))}.");
            RuleFor(r => r.Eligibility!.MinScore).InclusiveBetween(0, 1000);
            RuleFor(r => r.Eligibility!.MinYearsInOperation).InclusiveBetween(0, 200);
            RuleFor(r => r.Eligibility!.MinAnnualTaxPaid!.Value).MustBeMoney().OverridePropertyName("eligibility.minAnnualTaxPaid")
                .When(r => r.Eligibility!.MinAnnualTaxPaid is not null);
            RuleFor(r => r.Eligibility!.MinInsuredEmployees).InclusiveBetween(0, 1_000_000);
            RuleFor(r => r.Eligibility!.ExcludeSeriousPenaltiesMonths).InclusiveBetween(1, 120);
        });
        RuleFor(r => r.Tags).Must(t => t is null || t.Count <= 20).WithMessage("At most 20 tags.");
        RuleForEach(r => r.Tags).NotEmpty().MaximumLength(50);
    }
}

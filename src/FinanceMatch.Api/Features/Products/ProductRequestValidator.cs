using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Profiles;
using FluentValidation;

namespace FinanceMatch.Api.Features.Products;

/// <summary>The shape of a product's terms, shared by create and edit; errors are keyed by the body's own field paths.</summary>
public sealed class ProductRequestValidator : AbstractValidator<ProductBody>
{
    public const decimal MaxAnnualRate = 36m;

    public ProductRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(4000);
        RuleFor(r => r.MinAmount).MustBeMoney().GreaterThan(0);
        RuleFor(r => r.MaxAmount)
            .MustBeMoney()
            .GreaterThan(0)
            .GreaterThanOrEqualTo(r => r.MinAmount)
            .WithMessage("maxAmount must be at least minAmount.");
        RuleFor(r => r.MinTermMonths).InclusiveBetween(1, 360);
        RuleFor(r => r.MaxTermMonths)
            .InclusiveBetween(1, 360)
            .GreaterThanOrEqualTo(r => r.MinTermMonths)
            .WithMessage("maxTermMonths must be at least minTermMonths.");
        RuleFor(r => r.MinAnnualRate).MustBeRate();
        RuleFor(r => r.MaxAnnualRate)
            .MustBeRate()
            .GreaterThanOrEqualTo(r => r.MinAnnualRate)
            .WithMessage("maxAnnualRate must be at least minAnnualRate.");
        RuleFor(r => r.GuaranteeTypes).NotEmpty().WithMessage("Name at least one guarantee type.");
        RuleForEach(r => r.GuaranteeTypes).IsInEnum();
        RuleFor(r => r.DivisionPrefixes)
            .Must(p => p is null || p.Count <= 100)
            .WithMessage("At most 100 division prefixes.");
        RuleForEach(r => r.DivisionPrefixes).MustBeDivisionPrefix();
        RuleForEach(r => r.IndustryPrefixes!.Include)
            .MustBeIndustryPrefix()
            .When(r => r.IndustryPrefixes?.Include is not null);
        RuleForEach(r => r.IndustryPrefixes!.Exclude)
            .MustBeIndustryPrefix()
            .When(r => r.IndustryPrefixes?.Exclude is not null);
        RuleFor(r => r.Eligibility!).SetValidator(new EligibilityRules()).When(r => r.Eligibility is not null);
        RuleFor(r => r.Tags).Must(t => t is null || t.Count <= 20).WithMessage("At most 20 tags.");
        RuleForEach(r => r.Tags).NotEmpty().MaximumLength(50);
        When(
            r => r.ListTerms is not null,
            () =>
            {
                RuleFor(r => r.ListTerms!.Lists)
                    .Must(l => l is { Count: > 0 and <= 20 })
                    .WithMessage("listTerms names 1 to 20 lists.");
                RuleFor(r => r.ListTerms!.RateDiscount)
                    .GreaterThan(0)
                    .PrecisionScale(7, 4, ignoreTrailingZeros: true)
                    .LessThan(r => r.MinAnnualRate)
                    .WithMessage("rateDiscount is in percentage points, above 0 and below minAnnualRate.");
            }
        );
    }
}

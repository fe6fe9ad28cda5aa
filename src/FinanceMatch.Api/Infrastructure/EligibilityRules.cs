using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Profiles;
using FluentValidation;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>The rules of an eligibility, as loan products and guarantee products state it.</summary>
public sealed class EligibilityRules : AbstractValidator<EligibilityDto>
{
    public EligibilityRules()
    {
        RuleFor(e => e.MinGrade)
            .Must(g => g is null || ScoringModel.Newest.IsGrade(g.Trim().ToUpperInvariant()))
            .WithMessage(
                $"minGrade must be one of {string.Join(", ", ScoringModel.Newest.Grades.Select(g => g.Grade))}."
            );
        RuleFor(e => e.MinScore).InclusiveBetween(0, 1000);
        RuleFor(e => e.MinYearsInOperation).InclusiveBetween(0, 200);
        RuleFor(e => e.MinAnnualTaxPaid!.Value)
            .MustBeMoney()
            .OverridePropertyName("minAnnualTaxPaid")
            .When(e => e.MinAnnualTaxPaid is not null);
        RuleFor(e => e.MinInsuredEmployees).InclusiveBetween(0, 1_000_000);
        RuleFor(e => e.ExcludeSeriousPenaltiesMonths).InclusiveBetween(1, 120);
        RuleFor(e => e.Lists).Must(l => l is null || l.Count <= 20).WithMessage("At most 20 lists.");
    }
}

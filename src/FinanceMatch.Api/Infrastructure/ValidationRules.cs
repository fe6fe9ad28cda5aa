using FinanceMatch.Core.Common;
using FluentValidation;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Field rules shared by several use cases, so each format is checked the same way everywhere.</summary>
public static class ValidationRules
{
    public static IRuleBuilderOptionsConditions<T, string> MustBeUscc<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom((value, context) =>
        {
            if (Uscc.Validate(value) is { } error) context.AddFailure(error);
        });

    public static IRuleBuilderOptionsConditions<T, string> MustBeDivisionCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom((value, context) =>
        {
            if (DivisionCode.Validate(value) is { } error) context.AddFailure(error);
        });

    public static IRuleBuilderOptionsConditions<T, string> MustBeIndustryCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom((value, context) =>
        {
            if (IndustryCode.Validate(value) is { } error) context.AddFailure(error);
        });

    /// <summary>CNY yuan: not negative, at most two decimals, below a trillion.</summary>
    public static IRuleBuilderOptions<T, decimal> MustBeMoney<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThanOrEqualTo(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
}

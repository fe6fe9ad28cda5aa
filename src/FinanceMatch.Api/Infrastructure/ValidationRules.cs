using FinanceMatch.Core.Common;
using FluentValidation;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Field rules shared by several use cases, so each format is checked the same way everywhere.</summary>
public static class ValidationRules
{
    public static IRuleBuilderOptionsConditions<T, string> MustBeUscc<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom(
            (value, context) =>
            {
                if (Uscc.Validate(value) is { } error)
                    context.AddFailure(error);
            }
        );

    public static IRuleBuilderOptionsConditions<T, string> MustBeDivisionCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom(
            (value, context) =>
            {
                if (DivisionCode.Validate(value) is { } error)
                    context.AddFailure(error);
            }
        );

    public static IRuleBuilderOptionsConditions<T, string> MustBeIndustryCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom(
            (value, context) =>
            {
                if (IndustryCode.Validate(value) is { } error)
                    context.AddFailure(error);
            }
        );

    /// <summary>CNY yuan: not negative, at most two decimals, below a trillion.</summary>
    public static IRuleBuilderOptions<T, decimal> MustBeMoney<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThanOrEqualTo(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);

    /// <summary>An annual interest rate in percent: above 0, at most 36 (the ceiling Chinese courts protect), four decimals.</summary>
    public static IRuleBuilderOptions<T, decimal> MustBeRate<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThan(0).LessThanOrEqualTo(36m).PrecisionScale(7, 4, ignoreTrailingZeros: true);

    /// <summary>
    /// Runs a validator of a request body nested in a command, keeping the body's own field paths in the errors
    /// (<c>minAmount</c>, not <c>terms.minAmount</c>).
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, TBody> MustBeValidBody<T, TBody>(
        this IRuleBuilder<T, TBody> rule,
        IValidator<TBody> validator
    ) =>
        rule.Custom(
            (body, context) =>
            {
                if (body is null)
                {
                    context.AddFailure(
                        new FluentValidation.Results.ValidationFailure("$", "A request body is required.")
                    );
                    return;
                }
                foreach (var failure in validator.Validate(body).Errors)
                    context.AddFailure(failure);
            }
        );
}

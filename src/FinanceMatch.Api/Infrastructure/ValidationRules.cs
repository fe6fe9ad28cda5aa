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

    /// <summary>A GB/T 2260 division prefix, as products, programmes and guarantee products name the regions they serve.</summary>
    public static IRuleBuilderOptions<T, string> MustBeDivisionPrefix<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotNull()
            .Matches("^[0-9]{2,6}$")
            .WithMessage("A division prefix is 2 to 6 digits of a GB/T 2260 code, e.g. 44 or 4406.");

    /// <summary>A GB/T 4754 industry prefix: a section letter and up to two digits.</summary>
    public static IRuleBuilderOptions<T, string> MustBeIndustryPrefix<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotNull()
            .Matches("^[A-Ta-t][0-9]{0,2}$")
            .WithMessage("An industry prefix is a GB/T 4754 section letter and up to two digits, e.g. C or C39.");

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

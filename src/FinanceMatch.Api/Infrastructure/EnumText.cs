using FluentValidation;
using FluentValidation.Results;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Enum values in paths and query strings: names only (never numbers), any case; otherwise a 400 naming the field.</summary>
public static class EnumText
{
    public static T Parse<T>(string? value, string field)
        where T : struct, Enum
    {
        if (
            value is not null
            && !value.Any(char.IsAsciiDigit)
            && Enum.TryParse<T>(value, ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed)
        )
            return parsed;
        var names = string.Join(
            ", ",
            Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n))
        );
        throw new ValidationException([new ValidationFailure(field, $"'{value}' is not one of: {names}.")]);
    }

    public static T? ParseOptional<T>(string? value, string field)
        where T : struct, Enum => string.IsNullOrEmpty(value) ? null : Parse<T>(value, field);
}

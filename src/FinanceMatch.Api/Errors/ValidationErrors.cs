using System.Text;
using FluentValidation.Results;

namespace FinanceMatch.Api.Errors;

/// <summary>Shapes validation failures as the contract's <c>errors</c> object, keyed by camelCase field path.</summary>
internal static class ValidationErrors
{
    public static Dictionary<string, string[]> From(IEnumerable<ValidationFailure> failures) =>
        failures
            .GroupBy(f => CamelPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    /// <summary>
    /// <c>Consent.ExpiresAt</c> → <c>consent.expiresAt</c>; <c>Items[0].Name</c> → <c>items[0].name</c>.
    /// Names that are not C# members (a header such as <c>Idempotency-Key</c>) are kept as they are.
    /// </summary>
    public static string CamelPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
            return "$";
        if (propertyPath.Contains('-', StringComparison.Ordinal))
            return propertyPath;
        var result = new StringBuilder(propertyPath.Length);
        var startOfSegment = true;
        foreach (var c in propertyPath)
        {
            result.Append(startOfSegment && char.IsUpper(c) ? char.ToLowerInvariant(c) : c);
            startOfSegment = c == '.';
        }
        return result.ToString();
    }

    /// <summary>A System.Text.Json path (<c>$.consent.expiresAt</c>, <c>$['x']</c>) as a field path.</summary>
    public static string FromJsonPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return "$";
        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return CamelPath(path);
    }
}

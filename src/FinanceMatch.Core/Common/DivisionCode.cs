namespace FinanceMatch.Core.Common;

/// <summary>GB/T 2260 six-digit administrative division code; the first two digits name the province.</summary>
public static class DivisionCode
{
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ];

    public static string? Validate(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "Division code is required.";
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return "Division code must be six digits.";
        if (!Provinces.Contains(int.Parse(code.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture)))
            return $"'{code[..2]}' is not a province code of GB/T 2260.";
        return null;
    }
}

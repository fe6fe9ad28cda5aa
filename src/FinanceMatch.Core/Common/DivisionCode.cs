namespace FinanceMatch.Core.Common;

/// <summary>GB/T 2260 six-digit administrative division code; the first two digits name the province.</summary>
public static class DivisionCode
{
    private static readonly HashSet<int> Provinces =
    [
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
    ];

    public static string? Validate(string? code) =>
        string.IsNullOrEmpty(code) ? "Division code is required." : Validate(code.AsSpan());

    public static string? Validate(ReadOnlySpan<char> code)
    {
        if (code.Length != 6 || code.ContainsAnyExceptInRange('0', '9'))
            return "Division code must be six digits.";
        if (!Provinces.Contains((code[0] - '0') * 10 + (code[1] - '0')))
            return $"'{code[..2]}' is not a province code of GB/T 2260.";
        return null;
    }
}

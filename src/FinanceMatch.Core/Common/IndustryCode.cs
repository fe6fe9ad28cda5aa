namespace FinanceMatch.Core.Common;

/// <summary>GB/T 4754-2017 industry division: a section letter followed by the two-digit division within it (C39, F51).</summary>
public static class IndustryCode
{
    private static readonly Dictionary<char, (int First, int Last)> Sections = new()
    {
        ['A'] = (1, 5),
        ['B'] = (6, 12),
        ['C'] = (13, 43),
        ['D'] = (44, 46),
        ['E'] = (47, 50),
        ['F'] = (51, 52),
        ['G'] = (53, 60),
        ['H'] = (61, 62),
        ['I'] = (63, 65),
        ['J'] = (66, 69),
        ['K'] = (70, 70),
        ['L'] = (71, 72),
        ['M'] = (73, 75),
        ['N'] = (76, 79),
        ['O'] = (80, 82),
        ['P'] = (83, 83),
        ['Q'] = (84, 85),
        ['R'] = (86, 90),
        ['S'] = (91, 97),
        ['T'] = (98, 98),
    };

    public static string? Validate(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return "Industry code is required.";
        if (
            code.Length != 3
            || !char.IsAsciiLetterUpper(code[0])
            || !char.IsAsciiDigit(code[1])
            || !char.IsAsciiDigit(code[2])
        )
            return "Industry code must be a section letter and two digits, e.g. C39.";
        if (!Sections.TryGetValue(code[0], out var range))
            return $"'{code[0]}' is not a GB/T 4754 section.";
        var division = (code[1] - '0') * 10 + (code[2] - '0');
        if (division < range.First || division > range.Last)
            return $"Section {code[0]} holds divisions {range.First:00}–{range.Last:00}.";
        return null;
    }
}

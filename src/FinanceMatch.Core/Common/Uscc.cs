namespace FinanceMatch.Core.Common;

/// <summary>
/// Unified Social Credit Code (GB 32100-2015): 18 characters from a 31-character alphabet;
/// characters 3–8 are the registering authority's division code; the last is a check character.
/// </summary>
public static class Uscc
{
    public const int Length = 18;
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // Value of each ASCII character in the alphabet, -1 if it is not in it: feed ingest checks millions of codes.
    private static readonly sbyte[] ValueOf = BuildValues();

    private static sbyte[] BuildValues()
    {
        var values = Enumerable.Repeat((sbyte)-1, 128).ToArray();
        for (var i = 0; i < Alphabet.Length; i++)
            values[Alphabet[i]] = (sbyte)i;
        return values;
    }

    private static int Value(char c) => c < 128 ? ValueOf[c] : -1;

    /// <summary>Returns null when the code is valid, otherwise the reason it is not.</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return "USCC is required.";
        if (code.Length != Length)
            return $"USCC must be {Length} characters long.";
        for (var i = 0; i < code.Length; i++)
        {
            if (Value(code[i]) < 0)
                return $"USCC character {i + 1} ('{code[i]}') is not allowed; use digits and upper-case letters other than I, O, S, V and Z.";
        }
        if (DivisionCode.Validate(code.AsSpan(2, 6)) is { } divisionError)
            return $"USCC characters 3–8 must be a division code: {divisionError}";
        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        if (code[Length - 1] != expected)
            return $"USCC check character is wrong (expected '{expected}').";
        return null;
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>A company's code ("91") registered in <paramref name="division"/>, with its 9-character body and the check character.</summary>
    public static string Compose(string division, string body)
    {
        var first17 = "91" + division + body;
        return first17 + CheckCharacter(first17);
    }

    /// <summary>A random 9-character body, drawn with <paramref name="next"/> (an exclusive upper bound in, an index out).</summary>
    public static string RandomBody(Func<int, int> next) =>
        string.Concat(Enumerable.Range(0, 9).Select(_ => Alphabet[next(Alphabet.Length)]));

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
            throw new ArgumentException("Expected the first 17 characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Value(first17[i]);
            if (value < 0)
                throw new ArgumentException($"'{first17[i]}' is not a USCC character.", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }
}

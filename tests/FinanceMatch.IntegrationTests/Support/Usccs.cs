using System.Security.Cryptography;
using FinanceMatch.Core.Common;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Valid, random USCCs registered in Guangdong divisions.</summary>
public static class Usccs
{
    private static readonly string[] Divisions = ["440604", "440606", "440703", "440305", "440106"];

    public static string Next()
    {
        var body = string.Concat(
            Enumerable.Range(0, 9).Select(_ => Uscc.Alphabet[RandomNumberGenerator.GetInt32(Uscc.Alphabet.Length)])
        );
        var first17 = "91" + Divisions[RandomNumberGenerator.GetInt32(Divisions.Length)] + body;
        return first17 + Uscc.CheckCharacter(first17);
    }
}

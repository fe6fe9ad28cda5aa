using System.Security.Cryptography;
using FinanceMatch.Core.Common;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Valid, random USCCs registered in Guangdong divisions.</summary>
public static class Usccs
{
    private static readonly string[] Divisions = ["440604", "440606", "440703", "440305", "440106"];

    public static string Next()
    {
        var body = Uscc.RandomBody(RandomNumberGenerator.GetInt32);
        return Uscc.Compose(Divisions[RandomNumberGenerator.GetInt32(Divisions.Length)], body);
    }
}

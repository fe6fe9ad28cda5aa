using FinanceMatch.Core.Common;

namespace FinanceMatch.UnitTests.Common;

public sealed class UsccTests
{
    private static readonly string[] RealCodes = ["91350100M000100Y43", "914403001922038216", "91110000802100433B"];

    [TestCaseSource(nameof(RealCodes))]
    public void RealCode_IsValid(string code) => Assert.That(Uscc.Validate(code), Is.Null);

    [TestCaseSource(nameof(RealCodes))]
    public void RealCode_CheckCharacterIsComputedFromTheFirst17(string code) =>
        Assert.That(Uscc.CheckCharacter(code.AsSpan(0, 17)), Is.EqualTo(code[17]));

    /// <summary>Every position, every other character of the alphabet: a single wrong character never passes.</summary>
    [TestCaseSource(nameof(RealCodes))]
    public void EverySingleCharacterCorruption_IsRejected(string code)
    {
        var accepted = new List<string>();
        var tried = 0;
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in Uscc.Alphabet.Where(c => c != code[position]))
            {
                var corrupted = string.Concat(
                    code.AsSpan(0, position),
                    replacement.ToString(),
                    code.AsSpan(position + 1)
                );
                tried++;
                if (Uscc.IsValid(corrupted))
                    accepted.Add(corrupted);
            }
        }
        Assert.That(tried, Is.EqualTo(18 * 30));
        Assert.That(accepted, Is.Empty);
    }

    [TestCaseSource(nameof(RealCodes))]
    public void CharactersOutsideTheAlphabet_AreRejected(string code)
    {
        foreach (var bad in "IOSVZ-a ")
        {
            for (var position = 0; position < code.Length; position++)
            {
                var corrupted = string.Concat(code.AsSpan(0, position), bad.ToString(), code.AsSpan(position + 1));
                Assert.That(Uscc.Validate(corrupted), Is.Not.Null, corrupted);
            }
        }
    }

    [TestCase(null, "required")]
    [TestCase("", "required")]
    [TestCase("91350100M000100Y4", "18 characters")]
    [TestCase("91350100M000100Y433", "18 characters")]
    [TestCase("91350100M000100Y4I", "not allowed")]
    [TestCase("913501A0M000100Y43", "division code")]
    [TestCase("91990100M000100Y43", "division code")]
    [TestCase("91350100M000100Y44", "check character")]
    public void InvalidCode_SaysWhy(string? code, string reason) =>
        Assert.That(Uscc.Validate(code), Does.Contain(reason));

    [Test]
    public void CheckCharacterOf31_IsZero()
    {
        // Search a 17-character body whose weighted sum is 0 mod 31: its check character is '0', not a 32nd symbol.
        var body = "9144060000000000".ToCharArray();
        var found = Uscc
            .Alphabet.Select(last => new string(body) + last)
            .First(first17 => Uscc.CheckCharacter(first17) == '0');
        Assert.That(Uscc.IsValid(found + "0"), Is.True);
    }

    [Test]
    public void Compose_GivesAValidCompanyCode_InItsDivision()
    {
        var random = new Random(7);
        var codes = Enumerable.Range(0, 200).Select(_ => Uscc.Compose("440604", Uscc.RandomBody(random.Next))).ToList();

        Assert.That(codes, Has.All.Matches<string>(Uscc.IsValid));
        Assert.That(codes, Has.All.StartsWith("91440604"));
        Assert.That(codes.Distinct().Count(), Is.EqualTo(200));
    }
}

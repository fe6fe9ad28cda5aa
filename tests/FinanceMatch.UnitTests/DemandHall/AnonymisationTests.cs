using FinanceMatch.Core.DemandHall;

namespace FinanceMatch.UnitTests.DemandHall;

public sealed class AnonymisationTests
{
    [TestCase(1_234_567, 1_200_000)]
    [TestCase(1_250_000, 1_300_000)]
    [TestCase(987_654, 990_000)]
    [TestCase(55, 55)]
    [TestCase(8, 8)]
    public void Amounts_KeepTwoSignificantFigures(decimal amount, decimal shown) =>
        Assert.That(Anonymisation.RoundAmount(amount), Is.EqualTo(shown));

    [Test]
    public void APostingDay_IsShownAsItsWeeksMonday()
    {
        Assert.That(
            Anonymisation.WeekOf(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero)),
            Is.EqualTo(new DateOnly(2026, 11, 30))
        );
        Assert.That(
            Anonymisation.WeekOf(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)),
            Is.EqualTo(new DateOnly(2026, 11, 30))
        );
        Assert.That(
            Anonymisation.WeekOf(new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero)),
            Is.EqualTo(new DateOnly(2026, 11, 30))
        );
    }

    [Test]
    public void GradesAreShownAsBands() =>
        Assert.That(
            new[] { "AAA", "AA", "A", "BBB", "BB", "B", "C", null }.Select(Anonymisation.BandOf),
            Is.EqualTo(new[] { "A", "A", "A", "B", "B", "B", "C", "unrated" })
        );

    [Test]
    public void AValueIsShown_OnlyAsFarAsFiveFirmsShareIt()
    {
        var cells = new Dictionary<(string, string, string), int>
        {
            [("4406", "C", "A")] = 5,
            [("4401", "C", "B")] = 3,
            [("4403", "C", "B")] = 2,
            [("4403", "F", "C")] = 4,
            [("4405", "G", "C")] = 1,
            [("6501", "A", "B")] = 1,
        };
        Assert.That(Anonymisation.Generalise("440604", "C35", "A", cells), Is.EqualTo(("440600", "C", "A")));
        Assert.That(
            Anonymisation.Generalise("440106", "C39", "B", cells),
            Is.EqualTo(("440000", "C", "B")),
            "3 + 2 in the province"
        );
        Assert.That(
            Anonymisation.Generalise("440304", "F51", "C", cells),
            Is.EqualTo(("440000", (string?)null, "C")),
            "4 + 1 C firms in the province, of two industries"
        );
        Assert.That(
            Anonymisation.Generalise("650102", "A01", "B", cells),
            Is.EqualTo(((string?)null, (string?)null, (string?)null))
        );
    }
}

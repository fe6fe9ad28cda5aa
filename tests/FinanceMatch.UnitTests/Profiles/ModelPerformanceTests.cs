using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

public sealed class ModelPerformanceTests
{
    [Test]
    public void APerfectScore_HasAuc1_Gini1_Ks1()
    {
        var result = ModelPerformance.Measure([new(300, true, 50), new(800, false, 50)])!;

        Assert.That((result.Auc.Value, result.Gini.Value, result.Ks.Value), Is.EqualTo((1.0, 1.0, 1.0)));
        Assert.That(result.Auc.High, Is.EqualTo(1.0), "an interval stays within [0, 1]");
    }

    [Test]
    public void AScoreThatSaysNothing_HasAuc05_AndGini0()
    {
        var result = ModelPerformance.Measure([new(500, true, 40), new(500, false, 60)])!;

        Assert.That((result.Auc.Value, result.Gini.Value, result.Ks.Value), Is.EqualTo((0.5, 0.0, 0.0)));
        Assert.That(result.Auc.Low, Is.LessThan(0.5).And.GreaterThan(0.3));
    }

    /// <summary>
    /// Worked by hand: bads at 400 (10) and 600 (10); goods at 600 (10) and 800 (30). Pairs where the good scored higher:
    /// 10 goods at 600 beat 10 bads at 400 and tie 10 at 600 (10·(10 + 5) = 150); 30 goods at 800 beat all 20 (600).
    /// AUC = 750 / (20·40) = 0.9375. KS: after 400, bads 0.5 and goods 0 (gap 0.5); after 600, bads 1 and goods 0.25
    /// (gap 0.75).
    /// </summary>
    [Test]
    public void AWorkedExample_MatchesTheHandCount()
    {
        var result = ModelPerformance.Measure([
            new(400, true, 10),
            new(600, true, 10),
            new(600, false, 10),
            new(800, false, 30),
        ])!;

        Assert.That(result.Auc.Value, Is.EqualTo(0.9375).Within(1e-12));
        Assert.That(result.Gini.Value, Is.EqualTo(0.875).Within(1e-12));
        Assert.That(result.Ks.Value, Is.EqualTo(0.75).Within(1e-12));
        Assert.That((result.Loans, result.Defaults), Is.EqualTo((60L, 20L)));
        Assert.That(result.Auc.Low, Is.LessThan(0.9375));
        Assert.That(result.Auc.High, Is.GreaterThan(0.9375));
    }

    [Test]
    public void MoreLoans_NarrowTheInterval()
    {
        var few = ModelPerformance.Measure([
            new(400, true, 10),
            new(600, true, 10),
            new(600, false, 10),
            new(800, false, 30),
        ])!;
        var many = ModelPerformance.Measure([
            new(400, true, 1000),
            new(600, true, 1000),
            new(600, false, 1000),
            new(800, false, 3000),
        ])!;

        Assert.That(many.Auc.High - many.Auc.Low, Is.LessThan((few.Auc.High - few.Auc.Low) / 5));
        Assert.That(many.Ks.High - many.Ks.Low, Is.LessThan((few.Ks.High - few.Ks.Low) / 5));
    }

    [Test]
    public void TooFewOutcomes_AreNotMeasured()
    {
        Assert.That(ModelPerformance.Measure([new(400, true, 9), new(800, false, 500)]), Is.Null);
        Assert.That(ModelPerformance.Measure([new(400, true, 500), new(800, false, 9)]), Is.Null);
    }
}

public sealed class ModelPerformancePublicationTests
{
    private static readonly List<string> Grades = ["AAA", "AA", "A", "BBB", "BB", "B", "C", "unrated"];

    private static List<(string, int?, bool, long)> Cohort(params (string Grade, long Good, long Bad)[] cells) =>
        [
            .. cells.SelectMany(c =>
                new[]
                {
                    (c.Grade, (int?)(900 - Grades.IndexOf(c.Grade) * 100), false, c.Good),
                    (c.Grade, (int?)(850 - Grades.IndexOf(c.Grade) * 100), true, c.Bad),
                }
            ),
        ];

    [Test]
    public void ALoneSmallCell_IsWithheldWithTheNextSmallest_SoTheTotalCannotGiveItAway()
    {
        var published = FinanceMatch.Api.Features.Profiles.GetScoringModelPerformance.Publish(
            "v",
            Cohort(("AAA", 28, 2), ("AA", 20, 5), ("A", 3, 2)),
            Grades
        );

        Assert.That(published.Loans, Is.EqualTo(60));
        Assert.That(
            published.Grades.Select(g => (g.Grade, g.Suppressed, g.Loans)),
            Is.EqualTo(new[] { ("AAA", false, (long?)30), ("AA", true, (long?)null), ("A", true, (long?)null) })
        );
    }

    [Test]
    public void TwoSmallCells_AreWithheld_AndNothingMore()
    {
        var published = FinanceMatch.Api.Features.Profiles.GetScoringModelPerformance.Publish(
            "v",
            Cohort(("AAA", 40, 10), ("A", 3, 2), ("B", 2, 2)),
            Grades
        );

        Assert.That(published.Grades.Count(g => g.Suppressed), Is.EqualTo(2));
        Assert.That(published.Grades.Single(g => g.Grade == "AAA").Loans, Is.EqualTo(50));
        Assert.That(published.Auc, Is.Not.Null, "14 defaults and 45 good loans are enough to measure");
    }

    [Test]
    public void ACohortUnderFifty_ShowsItsCountOnly()
    {
        var published = FinanceMatch.Api.Features.Profiles.GetScoringModelPerformance.Publish(
            "v",
            Cohort(("AAA", 20, 10), ("AA", 15, 4)),
            Grades
        );

        Assert.That(
            (published.Loans, published.Defaults, published.Auc),
            Is.EqualTo((49L, (long?)null, (Client.Contracts.EstimateDto?)null))
        );
        Assert.That(published.Grades.All(g => g.Suppressed), Is.True);
    }
}

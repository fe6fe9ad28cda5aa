using FinanceMatch.Core.Feeds;

namespace FinanceMatch.UnitTests.Feeds;

public sealed class FeedPartitionsTests
{
    [Test]
    public void Window_RunsFromTheLookBackToThreeMonthsAhead()
    {
        var (from, to) = FeedPartitions.Window(new DateOnly(2026, 12, 2), 60);

        Assert.That(from, Is.EqualTo(new DateOnly(2024, 12, 1)), "the 24 months before December 2026");
        Assert.That(to, Is.EqualTo(new DateOnly(2027, 3, 1)));
    }

    [Test]
    public void Window_NeverStartsBeforeTheRetentionCutoff() =>
        Assert.That(FeedPartitions.Window(new DateOnly(2026, 12, 2), 25).From, Is.EqualTo(new DateOnly(2024, 12, 1)));

    [Test]
    public void RetentionCutoff_KeepsTheMonthInProgressAndTheMonthsBefore()
    {
        Assert.That(
            FeedPartitions.RetentionCutoff(new DateOnly(2026, 1, 31), 25),
            Is.EqualTo(new DateOnly(2024, 1, 1))
        );
        Assert.That(FeedPartitions.RetentionCutoff(new DateOnly(2026, 1, 1), 1), Is.EqualTo(new DateOnly(2026, 1, 1)));
    }

    [Test]
    public void PartitionName_IsTheTableAndTheMonth() =>
        Assert.That(
            FeedPartitions.PartitionName("tax_records", new DateOnly(2026, 3, 1)),
            Is.EqualTo("tax_records_p202603")
        );

    [Test]
    public void Monthly_AreTheFeedsWithAPeriodInTheirKey_NotTheLoanReports() =>
        Assert.That(
            FeedSchema.Monthly.Select(s => s.FeedType),
            Is.EquivalentTo(new[] { FeedType.Tax, FeedType.SocialSecurity, FeedType.Utility, FeedType.HousingFund })
        );
}

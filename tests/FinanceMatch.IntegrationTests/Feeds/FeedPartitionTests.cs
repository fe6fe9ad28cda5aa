using System.Globalization;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.Retention;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FinanceMatch.IntegrationTests.Feeds;

/// <summary>
/// The monthly records' tables are partitioned by period: a partition a month over the retention window and three
/// months ahead, a default partition for anything else, whole months dropped by retention, queries pruned to their months.
/// </summary>
[NonParallelizable]
public sealed class FeedPartitionTests
{
    private static DateOnly ThisMonth
    {
        get
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return new DateOnly(today.Year, today.Month, 1);
        }
    }

    private static DateOnly Cutoff => Core.Feeds.FeedPartitions.RetentionCutoff(ThisMonth, 60);
    private static DateOnly LookBack => ThisMonth.AddMonths(-Core.Feeds.FeedPartitions.LookBackMonths);

    [Test]
    public async Task MonthlyTables_ArePartitionedByMonth_FromTheLookBackToThreeMonthsAhead()
    {
        foreach (var table in Core.Feeds.FeedSchema.Monthly.Select(s => s.Table))
        {
            var partitions = await Sql.QueryAsync(
                """
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = ('financematch.' || $1)::regclass
                """,
                r => r.GetString(0),
                table
            );
            Assert.That(partitions, Does.Contain($"{table}_default"), table);
            for (var month = LookBack; month <= ThisMonth.AddMonths(3); month = month.AddMonths(1))
                Assert.That(partitions, Does.Contain(Core.Feeds.FeedPartitions.PartitionName(table, month)), table);
            Assert.That(
                partitions,
                Does.Not.Contain(Core.Feeds.FeedPartitions.PartitionName(table, ThisMonth.AddMonths(4))),
                "created ahead, not without end"
            );
        }
        Assert.That(
            await Sql.QueryAsync(
                "SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relnamespace = 'financematch'::regnamespace ORDER BY 1",
                r => r.GetString(0)
            ),
            Is.EquivalentTo(Core.Feeds.FeedSchema.Monthly.Select(s => s.Table))
        );
    }

    [Test]
    public async Task Retention_DropsWholeMonthsBeforeTheCutoff_AndARowThatWaitedInTheDefaultMovesIntoItsMonth()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var uscc = Usccs.Next();
        var (moved, waiting, kept) = (Cutoff.AddMonths(-2), Cutoff.AddMonths(-3), Cutoff);
        // A platform that has run for five years has the cutoff month's partition: it was created ahead back then.
        await Sql.ScalarAsync<int>("SELECT financematch.ensure_period_partitions('tax_records', $1, $1)", kept);
        string Row(DateOnly period) =>
            $"{uscc},{period.ToString("yyyy-MM", CultureInfo.InvariantCulture)},1000.00,20000.00";
        var batch = await Batches.PushAsync(
            department.Client,
            FeedType.Tax,
            "uscc,period,taxPaid,taxableRevenue\n" + string.Join('\n', Row(moved), Row(waiting), Row(kept)),
            Batches.Csv
        );
        Assert.That((await Batches.FinishedAsync(department.Client, batch.Id)).AcceptedRows, Is.EqualTo(3));
        Assert.That(await PartitionOf(uscc, moved), Is.EqualTo("financematch.tax_records_default"));
        Assert.That(
            await PartitionOf(uscc, kept),
            Is.EqualTo($"financematch.{Core.Feeds.FeedPartitions.PartitionName("tax_records", kept)}")
        );

        // A month's partition created after its rows came: they move in, the others stay where they were.
        Assert.That(
            await Sql.ScalarAsync<int>("SELECT financematch.ensure_period_partitions('tax_records', $1, $1)", moved),
            Is.EqualTo(1)
        );
        Assert.That(
            await PartitionOf(uscc, moved),
            Is.EqualTo($"financematch.{Core.Feeds.FeedPartitions.PartitionName("tax_records", moved)}")
        );
        Assert.That(await PartitionOf(uscc, waiting), Is.EqualTo("financematch.tax_records_default"));
        Assert.That(
            await Sql.ScalarAsync<int>("SELECT financematch.ensure_period_partitions('tax_records', $1, $1)", moved),
            Is.Zero,
            "a partition is created once"
        );

        using var scope = TestRun.App.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var result = await sender.Send(new ApplyRetention.Command());

        Assert.That(result.MonthlyRecords, Is.GreaterThanOrEqualTo(2));
        Assert.That(
            await Sql.ScalarAsync<bool>(
                "SELECT to_regclass($1) IS NULL",
                $"financematch.{Core.Feeds.FeedPartitions.PartitionName("tax_records", moved)}"
            ),
            Is.True,
            "the month before the cutoff is dropped whole"
        );
        Assert.That(
            await Sql.QueryAsync(
                "SELECT to_char(period, 'YYYY-MM') FROM financematch.tax_records WHERE uscc = $1",
                r => r.GetString(0),
                uscc
            ),
            Is.EqualTo(new[] { kept.ToString("yyyy-MM", CultureInfo.InvariantCulture) })
        );
        Assert.That(
            await Sql.ScalarAsync<bool>(
                "SELECT to_regclass($1) IS NOT NULL",
                $"financematch.{Core.Feeds.FeedPartitions.PartitionName("tax_records", kept)}"
            ),
            Is.True,
            "the cutoff month is kept"
        );
        Assert.That((await sender.Send(new ApplyRetention.Command())).MonthlyRecords, Is.Zero);
        Assert.That(await sender.Send(new MaintainFeedPartitions.Command()), Is.Zero, "the window is complete");
    }

    [Test]
    public async Task AFirmsRecentMonths_ReadOnlyTheirPartitions()
    {
        var since = ThisMonth.AddMonths(-24);
        var plan = string.Join(
            '\n',
            await Sql.QueryAsync(
                $"EXPLAIN SELECT * FROM financematch.tax_records WHERE uscc = '{Usccs.Next()}' AND period >= '{since:yyyy-MM-dd}'",
                r => r.GetString(0)
            )
        );
        Assert.That(plan, Does.Contain(Core.Feeds.FeedPartitions.PartitionName("tax_records", since)));
        Assert.That(plan, Does.Contain(Core.Feeds.FeedPartitions.PartitionName("tax_records", ThisMonth)));
        Assert.That(
            plan,
            Does.Not.Contain(Core.Feeds.FeedPartitions.PartitionName("tax_records", since.AddMonths(-1))),
            plan
        );
    }

    private static Task<string> PartitionOf(string uscc, DateOnly period) =>
        Sql.ScalarAsync<string>(
            "SELECT tableoid::regclass::text FROM financematch.tax_records WHERE uscc = $1 AND period = $2",
            uscc,
            period
        );
}

using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Statistics;

public sealed class StatisticsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Every figure of one bank's <see cref="KnownWorld"/>, through that bank's scope.</summary>
    [Test]
    public async Task ABanksFigures_ReconcileWithWhatHappened()
    {
        var (bank, product, _, requests, approvedAmount, disbursedAmount) = await KnownWorld.SeedAsync(
            "Reconciling Bank",
            "Reconciled loan"
        );

        var overview = await bank.Client.Statistics.GetOverviewAsync(Today, Today);

        Assert.That(overview.InstitutionId, Is.EqualTo(bank.Created.Id));
        Assert.That((overview.LoanRequests, overview.MatchedRequests, overview.Matches), Is.EqualTo((3L, 3L, 3L)));
        Assert.That(overview.RequestedAmount, Is.EqualTo(requests.Sum(r => r.Amount)));
        Assert.That((overview.ApprovedMatches, overview.ApprovedAmount), Is.EqualTo((1L, approvedAmount)));
        Assert.That((overview.DisbursedLoans, overview.DisbursedAmount), Is.EqualTo((1L, disbursedAmount)));
        Assert.That(overview.ApprovalRate, Is.EqualTo(0.5), "one approved of the two the bank decided");
        Assert.That(overview.MedianHoursToFirstResponse, Is.EqualTo(4.0).Within(0.01), "the median of 2 h and 6 h");
        Assert.That(
            (overview.Enterprises, overview.RatedEnterprises, overview.Institutions, overview.PublishedProducts),
            Is.EqualTo((3L, 0L, 1L, 1L))
        );

        var byProduct = await bank.Client.Statistics.GetBreakdownAsync("product", Today, Today);
        var row = byProduct.Rows.Single();
        Assert.That(
            (row.Key, row.Label, row.Matches, row.DisbursedLoans),
            Is.EqualTo((product.Id.ToString(), "Reconciled loan", 3L, 1L))
        );
        var byMonth = await bank.Client.Statistics.GetBreakdownAsync("month", Today, Today);
        Assert.That(
            byMonth.Rows.Single().Key,
            Is.EqualTo(Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
        );
        var byGrade = await bank.Client.Statistics.GetBreakdownAsync("grade", Today, Today);
        Assert.That(byGrade.Rows.Single().Key, Is.EqualTo("unrated"));
        var byInstitution = await bank.Client.Statistics.GetBreakdownAsync("institution");
        Assert.That(
            byInstitution.Rows.Select(r => (r.Key, r.Label)),
            Is.EqualTo(new[] { (bank.Created.Id.ToString(), "Reconciling Bank") })
        );

        var yesterday = await bank.Client.Statistics.GetOverviewAsync(Today.AddDays(-3), Today.AddDays(-1));
        Assert.That(
            (yesterday.LoanRequests, yesterday.Matches),
            Is.EqualTo((0L, 0L)),
            "requests of another period do not count"
        );
    }

    [Test]
    public async Task Operators_SeeThePlatform_AndTheBreakdownsAddUp()
    {
        var bank = await Actors.BankAsync();
        await MatchedRequestAsync(bank);
        var @operator = await TestRun.OperatorAsync();

        var overview = await @operator.Statistics.GetOverviewAsync();
        var byDivision = await @operator.Statistics.GetBreakdownAsync("division", to: overview.To);
        var byInstitution = await @operator.Statistics.GetBreakdownAsync("institution");

        Assert.That(overview.InstitutionId, Is.Null);
        Assert.That(overview.Institutions, Is.GreaterThanOrEqualTo(1));
        Assert.That(overview.LoanRequests, Is.GreaterThanOrEqualTo(1));
        Assert.That(
            byDivision.Rows.Sum(r => r.LoanRequests),
            Is.GreaterThanOrEqualTo(overview.LoanRequests),
            "every request falls in one division (later requests from tests running alongside may add to the second read)"
        );
        Assert.That(byInstitution.Rows.Select(r => r.Key), Does.Contain(bank.Created.Id.ToString()));
    }

    [Test]
    public async Task FeedHealth_CountsBatchesAndRows_AndFlagsQuietFeeds()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax, FeedType.Penalty);
        var uscc = Usccs.Next();
        await Batches.FinishedAsync(
            department.Client,
            (
                await Batches.PushAsync(
                    department.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Batches.Month(1)},100,2000\n{uscc},{Batches.Month(2)},-1,2000\n",
                    Batches.Csv
                )
            ).Id
        );

        var feeds = await (await TestRun.OperatorAsync()).Statistics.GetFeedsAsync();

        var mine = feeds.Feeds.Where(f => f.DepartmentId == department.Created.Id).ToDictionary(f => f.FeedType);
        Assert.That(mine.Keys, Is.EquivalentTo(new[] { FeedType.Tax, FeedType.Penalty }));
        Assert.That(
            (
                mine[FeedType.Tax].Batches,
                mine[FeedType.Tax].AcceptedRows,
                mine[FeedType.Tax].RejectedRows,
                mine[FeedType.Tax].Quiet
            ),
            Is.EqualTo((1L, 1L, 1L, false))
        );
        Assert.That(mine[FeedType.Tax].LastBatchReceivedAt, Is.Not.Null);
        Assert.That(
            (mine[FeedType.Penalty].Batches, mine[FeedType.Penalty].Quiet),
            Is.EqualTo((0L, true)),
            "a feed that never arrived is quiet"
        );

        // A department sees the health of its own feeds, the same figures, and no other department's.
        var own = await department.Client.Statistics.GetFeedsAsync();
        Assert.That(own.Feeds.Select(f => f.DepartmentId).Distinct(), Is.EqualTo(new[] { department.Created.Id }));
        Assert.That(own.Feeds.Single(f => f.FeedType == FeedType.Tax), Is.EqualTo(mine[FeedType.Tax]));
        Assert.That(
            feeds.Feeds.Select(f => f.DepartmentId).Distinct().Count(),
            Is.GreaterThan(1),
            "operators see them all"
        );
    }

    [Test]
    public async Task Statistics_AreForOperatorsAndBanks_AndRejectBadInput()
    {
        var firm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var department = await Actors.DepartmentAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Statistics.GetOverviewAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => department.Client.Statistics.GetBreakdownAsync("month")
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Statistics.GetFeedsAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Statistics.GetOverviewAsync()
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Statistics.RefreshAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Statistics.RefreshAsync());
        await Problems.ExpectFieldErrorAsync("by", () => bank.Client.Statistics.GetBreakdownAsync("colour"));
        await Problems.ExpectFieldErrorAsync(
            "to",
            () => bank.Client.Statistics.GetOverviewAsync(Today, Today.AddDays(-1))
        );
        var raw = await bank.Client.Http.GetAsync(new Uri("/api/v1/stats/overview?from=2026-13-01", UriKind.Relative));
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, raw);
        Assert.That(
            (await bank.Client.Statistics.GetOverviewAsync()).LoanRequests,
            Is.Zero,
            "a new bank has no figures of its own"
        );
    }
}

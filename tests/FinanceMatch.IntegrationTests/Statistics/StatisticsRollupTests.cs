using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Npgsql;
using NpgsqlTypes;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Statistics;

/// <summary>
/// The figures come from rollups (day rows, and month rows for finished months). For periods made of whole months, of
/// parts of months and of both, before and after the months are rolled up, and after a rolled-up month changes, they must
/// equal docs/STATISTICS.md's definitions computed straight from the raw requests and matches.
/// </summary>
public sealed class StatisticsRollupTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Test]
    public async Task RolledUpFigures_EqualTheRawData_ForAnyPeriod_AndFollowLaterChanges()
    {
        var bank = await Actors.BankAsync();
        var band = Band();
        await PublishedAsync(bank.Client, Support.Marketplace.Product(band));
        var year = Today.Year - 1;
        DateOnly[] postedOn =
        [
            new(year, 3, 31),
            new(year, 4, 1),
            new(year, 4, 15),
            new(year, 4, 30),
            new(year, 5, 20),
            new(year, 6, 1),
            Today,
        ];
        var matches = new List<Guid>();
        for (var i = 0; i < postedOn.Length; i++)
        {
            var request = await MatchedAsync((await Actors.EnterpriseAsync()).Client, Request(band));
            var match = request.Matches.Single().Id;
            matches.Add(match);
            if (i % 3 == 0)
                await bank.Client.Matches.DeclineAsync(match, new DeclineMatchBody("Outside our appetite"));
            // Under review, not pending: a pending match dated months back is the expiry job's to close at any moment.
            if (i % 3 == 2)
                await bank.Client.Matches.ReviewAsync(match);
            if (i % 3 == 1)
            {
                await bank.Client.Matches.ReviewAsync(match);
                await bank.Client.Matches.ApproveAsync(
                    match,
                    new ApproveMatchBody(request.Amount - 1_000m * i, 4.2m, 24)
                );
            }
            // Moved into the past as a platform running for a while would have them; the triggers log both days.
            await Sql.ExecuteAsync(
                "UPDATE financematch.loan_requests SET created_at = $2::date + interval '9 hours' WHERE id = $1",
                request.Id,
                postedOn[i]
            );
            await Sql.ExecuteAsync(
                """
                UPDATE financematch.matches SET created_at = $2::date + interval '9 hours 5 minutes',
                    first_responded_at = CASE WHEN status = 'Pending' THEN NULL ELSE $2::date + interval '9 hours 5 minutes' + $3 * interval '1 minute' END
                WHERE id = $1
                """,
                match,
                postedOn[i],
                37 + 211 * i
            );
        }
        var @operator = await TestRun.OperatorAsync();
        (DateOnly? From, DateOnly To)[] periods =
        [
            (null, Today),
            (new(year, 1, 1), Today),
            (new(year, 4, 1), new(year, 5, 31)),
            (new(year, 3, 31), new(year, 4, 15)),
            (new(year, 4, 2), new(year, 4, 29)),
            (new(year, 4, 16), new(year, 6, 1)),
            (new(year, 5, 1), new(year, 5, 31)),
        ];

        await AssertEqualsRawDataAsync(bank, periods, "from day rows only");

        // (The test run's own minutely job may roll some of them up first, so the count is read from the table.)
        await @operator.Statistics.RefreshAsync();
        Assert.That(
            await Sql.ScalarAsync<long>(
                """
                SELECT count(*) FROM financematch.stats_rollups
                WHERE span = 'month' AND scope = $1 AND dimension = 'all' AND day BETWEEN make_date($2, 3, 1) AND make_date($2, 6, 1)
                """,
                bank.Created.Id,
                year
            ),
            Is.EqualTo(4),
            "March to June were rolled up"
        );
        await AssertEqualsRawDataAsync(bank, periods, "with March to June rolled up");

        // A rolled-up month changes; read at once, before any job has run, the figures include the change.
        await bank.Client.Matches.DeclineAsync(matches[2], new DeclineMatchBody("Changed our mind"));
        await AssertEqualsRawDataAsync(bank, periods, "after a rolled-up month changed");
        await @operator.Statistics.RefreshAsync();
        await AssertEqualsRawDataAsync(bank, periods, "after that month was rolled up again");
    }

    private static async Task AssertEqualsRawDataAsync(
        Actors.Party<CreatedInstitution> bank,
        (DateOnly? From, DateOnly To)[] periods,
        string when
    )
    {
        foreach (var (from, to) in periods)
        {
            var overview = await bank.Client.Statistics.GetOverviewAsync(from, to);
            var byMonth = await bank.Client.Statistics.GetBreakdownAsync("month", from, to);
            var (raw, rawMonths) = await RawFiguresAsync(bank.Created.Id, from, to);
            var what = $"{from}..{to}, {when}";
            Assert.That(
                (
                    overview.LoanRequests,
                    overview.RequestedAmount,
                    overview.Matches,
                    overview.ApprovedMatches,
                    overview.ApprovedAmount,
                    overview.ApprovalRate,
                    overview.MedianHoursToFirstResponse
                ),
                Is.EqualTo(raw),
                what
            );
            Assert.That(
                byMonth.Rows.Select(r => (r.Key, r.LoanRequests, r.MedianHoursToFirstResponse)),
                Is.EqualTo(rawMonths),
                what
            );
        }
    }

    /// <summary>The definitions for one bank straight from the raw rows (a request has at most one match per bank).</summary>
    private static async Task<(
        (long, decimal, long, long, decimal, double?, double?) Overview,
        List<(string, long, double?)> Months
    )> RawFiguresAsync(Guid bank, DateOnly? from, DateOnly to)
    {
        const string facts = """
            FROM financematch.matches m JOIN financematch.loan_requests r ON r.id = m.loan_request_id
            WHERE m.institution_id = $1 AND r.created_at >= coalesce($2::date, '-infinity'::date)::timestamp AT TIME ZONE 'UTC'
                AND r.created_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
            """;
        const string median = """
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM m.first_responded_at - m.created_at) / 360) / 10))::numeric, 2)::float8
            """;
        await using var connection = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await connection.OpenAsync();
        NpgsqlParameter[] Parameters() =>
            [
                new() { Value = bank },
                new() { Value = from is { } f ? f : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
                new() { Value = to, NpgsqlDbType = NpgsqlDbType.Date },
            ];
        await using var overview = new NpgsqlCommand(
            $"""
            SELECT count(*), coalesce(sum(r.amount), 0), count(*), count(*) FILTER (WHERE m.approved_at IS NOT NULL),
                coalesce(sum(m.approved_amount) FILTER (WHERE m.approved_at IS NOT NULL), 0),
                round(count(*) FILTER (WHERE m.approved_at IS NOT NULL)::numeric
                    / nullif(count(*) FILTER (WHERE m.approved_at IS NOT NULL OR m.status = 'Declined'), 0), 4)::float8,
                {median}
            {facts}
            """,
            connection
        );
        overview.Parameters.AddRange(Parameters());
        (long, decimal, long, long, decimal, double?, double?) totals;
        await using (var reader = await overview.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            totals = (
                reader.GetInt64(0),
                reader.GetDecimal(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetDecimal(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6)
            );
        }
        await using var months = new NpgsqlCommand(
            $"""
            SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*), {median}
            {facts}
            GROUP BY month ORDER BY month
            """,
            connection
        );
        months.Parameters.AddRange(Parameters());
        var rows = new List<(string, long, double?)>();
        await using (var reader = await months.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)));
        return (totals, rows);
    }
}

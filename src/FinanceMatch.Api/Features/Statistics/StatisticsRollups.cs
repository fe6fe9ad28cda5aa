using System.Diagnostics;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using Hangfire;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>
/// Keeps <c>financematch.stats_rollups</c>: the additive matchmaking figures and a histogram of response times of the loan
/// requests posted on each day, and the same per month, so that a year of statistics reads a few hundred rows instead of a
/// million matches. Triggers log every posting day a write changes (<c>stats_stale_days</c>); <see cref="RefreshDaysAsync"/>
/// recomputes those days from the raw rows, and <see cref="RollUpMonthsAsync"/> then adds the day rows of finished months up.
/// Rows are per scope (the platform, or one institution and its own matches), dimension and key; the platform's per-bank and
/// per-product figures are the institutions' own rows, since a request has at most one match per bank.
/// </summary>
public sealed partial class StatisticsRollups(
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    ILogger<StatisticsRollups> logger
)
{
    /// <summary>The scope of the platform's own rows.</summary>
    public static readonly Guid Platform = Guid.Empty;

    public sealed record Refreshed(int Days, int Months, long Rows, double Milliseconds);

    private sealed record Rollup(string Dimension, bool PerInstitution);

    /// <summary>
    /// Every rollup kept: the platform's (every request) and each institution's (the requests matched to it), by dimension;
    /// Sql/RollUpDays.sql says what each dimension's key is.
    /// </summary>
    private static readonly Rollup[] Rollups =
    [
        new("all", false),
        new("division", false),
        new("industry", false),
        new("grade", false),
        new("all", true),
        new("product", true),
        new("division", true),
        new("industry", true),
        new("grade", true),
    ];

    /// <summary>How many days' facts are gathered before the rollups run over them: bounds the temporary table on a rebuild.</summary>
    private const int DaysPerChunk = 16;

    /// <summary>Refreshes what changed, then rolls up the finished months whose days changed: the job's whole round.</summary>
    public async Task<Refreshed> RefreshAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var days = await RefreshDaysAsync(ct);
        var months = await RollUpMonthsAsync(ct);
        return new Refreshed(
            days.Days,
            months.Months,
            days.Rows + months.Rows,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds
        );
    }

    /// <summary>
    /// Readers call this first: when a write is waiting to be counted, its days are refreshed before the figures are read,
    /// so statistics are never behind the data (usually today's few changes; the job keeps the log short).
    /// </summary>
    public async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT EXISTS (SELECT 1 FROM financematch.stats_stale_days)"
        );
        // A reader waits for a refresh in progress no longer than a statement may run; past that it gets a 503 with
        // Retry-After (a rebuild after a bulk load or an upgrade), never figures that leave out what was written.
        if ((bool)(await command.ExecuteScalarAsync(ct))!)
            await RefreshDaysAsync(ct, waitForOthers: false);
    }

    /// <summary>Recomputes the day rows of every logged day, in one transaction; a concurrent refresh waits for this one.</summary>
    public async Task<Refreshed> RefreshDaysAsync(CancellationToken ct, bool waitForOthers = true)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, waitForOthers, ct);
        // Taken and recomputed in one transaction: every later statement sees at least what these marks stood for, and a
        // write committed after this DELETE leaves its mark for the next refresh.
        var days = await TakeAsync(connection, "DELETE FROM financematch.stats_stale_days RETURNING day", null, ct);
        if (days.Count == 0)
            return new Refreshed(0, 0, 0, 0);

        await ExecuteAsync(
            connection,
            "DELETE FROM financematch.stats_rollups WHERE span = 'day' AND day = ANY($1)",
            ct,
            days.ToArray()
        );
        // The day's requests, firms and matches are joined once into a temporary table, and every rollup groups that:
        // joining them again for each of the nine rollups was most of a refresh.
        await using (var create = Sql.Command(connection, CreateFactsSql))
            await create.ExecuteNonQueryAsync(ct);
        long rows = 0;
        foreach (var chunk in days.Chunk(DaysPerChunk))
        {
            var gathered = Stopwatch.GetTimestamp();
            // One statement per day, its bounds as values: given a whole array of days, the planner could not tell how few
            // requests they held and scanned every request (0.65 s a statement for two days of a million matches). Sent
            // as one batch, so the days cost one round trip.
            await using (var batch = new NpgsqlBatch(connection) { Timeout = 0 })
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("TRUNCATE pg_temp.stats_day_facts"));
                foreach (var day in chunk)
                {
                    var command = new NpgsqlBatchCommand(FactsSql);
                    command.Parameters.Add(new() { Value = day, NpgsqlDbType = NpgsqlDbType.Date });
                    command.Parameters.Add(
                        new() { Value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) }
                    );
                    command.Parameters.Add(
                        new()
                        {
                            Value = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                        }
                    );
                    batch.BatchCommands.Add(command);
                }
                var facts = await batch.ExecuteNonQueryAsync(ct);
                LogFacts(logger, chunk.Length, facts, Stopwatch.GetElapsedTime(gathered).TotalMilliseconds);
            }
            foreach (var rollup in Rollups)
            {
                var one = Stopwatch.GetTimestamp();
                var written = await Sql.ExecuteAsync(
                    connection,
                    RollupSql,
                    ct,
                    rollup.Dimension,
                    rollup.PerInstitution,
                    Platform
                );
                rows += written;
                LogRollup(
                    logger,
                    rollup.Dimension,
                    rollup.PerInstitution ? "each institution" : "the platform",
                    chunk.Length,
                    written,
                    Stopwatch.GetElapsedTime(one).TotalMilliseconds
                );
            }
        }
        await ExecuteAsync(
            connection,
            """
            INSERT INTO financematch.stats_stale_months (month)
            SELECT DISTINCT date_trunc('month', d::timestamp)::date FROM unnest($1::date[]) AS d
            ON CONFLICT DO NOTHING
            """,
            ct,
            days.ToArray()
        );
        await transaction.CommitAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogDays(logger, days.Count, days[0], days[^1], rows, elapsed);
        return new Refreshed(days.Count, 0, rows, elapsed);
    }

    /// <summary>
    /// Adds up the day rows of each finished month that changed since it was last rolled up. The current month is left to
    /// its day rows (it changes all the time); readers use the day rows of any month still listed as stale.
    /// </summary>
    public async Task<Refreshed> RollUpMonthsAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, waitForOthers: true, ct);
        var now = clock.GetUtcNow();
        var months = await TakeAsync(
            connection,
            "DELETE FROM financematch.stats_stale_months WHERE month < $1 RETURNING month",
            new DateOnly(now.Year, now.Month, 1),
            ct
        );
        if (months.Count == 0)
            return new Refreshed(0, 0, 0, 0);
        await ExecuteAsync(
            connection,
            "DELETE FROM financematch.stats_rollups WHERE span = 'month' AND day = ANY($1)",
            ct,
            months.ToArray()
        );
        var rows = await ExecuteAsync(connection, MonthSql, ct, months.ToArray());
        await transaction.CommitAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogMonths(logger, months.Count, rows, elapsed);
        return new Refreshed(0, months.Count, rows, elapsed);
    }

    /// <summary>Deletes what a log holds and returns its dates, distinct and in order.</summary>
    private static async Task<List<DateOnly>> TakeAsync(
        NpgsqlConnection connection,
        string deleteReturning,
        DateOnly? before,
        CancellationToken ct
    )
    {
        await using var take = Sql.Command(connection, deleteReturning);
        if (before is { } value)
            take.Parameters.Add(new() { Value = value });
        var dates = new SortedSet<DateOnly>();
        await using var reader = await take.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            dates.Add(reader.GetFieldValue<DateOnly>(0));
        return [.. dates];
    }

    private static async Task LockAsync(NpgsqlConnection connection, bool waitForOthers, CancellationToken ct)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT pg_advisory_xact_lock(hashtextextended('financematch.stats_rollups', 0))"
        );
        if (waitForOthers)
            command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Task<int> ExecuteAsync(
        NpgsqlConnection connection,
        string sql,
        CancellationToken ct,
        DateOnly[] days
    ) =>
        Sql.ExecuteAsync(
            connection,
            sql,
            ct,
            new NpgsqlParameter { Value = days, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date }
        );

    /// <summary>The facts of the days being refreshed, dropped with the transaction.</summary>
    private static readonly string CreateFactsSql = Sql.Load("Statistics.CreateDayFacts");

    /// <summary>
    /// The facts of the day $1 (requests posted from $2 until $3): each request with its firm, once per match it has or
    /// once without one; the same definitions as docs/STATISTICS.md.
    /// </summary>
    private static readonly string FactsSql = Sql.Load("Statistics.GatherDayFacts");

    /// <summary>One rollup's day rows from the gathered facts ($1 the dimension, $2 each institution's or the platform's).</summary>
    private static readonly string RollupSql = Sql.Load("Statistics.RollUpDays");

    /// <summary>Month rows for the months in $1: sums of their day rows, histograms merged.</summary>
    private static readonly string MonthSql = Sql.Load("Statistics.RollUpMonths");

    public sealed class Job(StatisticsRollups rollups, ExclusiveRun exclusive)
    {
        public const string RecurringJobId = "refresh-statistics";

        [Queue(JobQueues.Default)]
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(StatisticsRollups), rollups.RefreshAsync, ct);
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Statistics facts gathered for {Days} days: {Facts} rows in {Milliseconds:0} ms"
    )]
    private static partial void LogFacts(ILogger logger, int days, int facts, double milliseconds);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Statistics rollup {Dimension} of {Scope}: {Days} days, {Rows} rows in {Milliseconds:0} ms"
    )]
    private static partial void LogRollup(
        ILogger logger,
        string dimension,
        string scope,
        int days,
        int rows,
        double milliseconds
    );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Statistics refreshed {Days} days ({First} to {Last}): {Rows} rows in {Milliseconds:0} ms"
    )]
    private static partial void LogDays(
        ILogger logger,
        int days,
        DateOnly first,
        DateOnly last,
        long rows,
        double milliseconds
    );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Statistics rolled up {Months} months: {Rows} rows in {Milliseconds:0} ms"
    )]
    private static partial void LogMonths(ILogger logger, int months, int rows, double milliseconds);
}

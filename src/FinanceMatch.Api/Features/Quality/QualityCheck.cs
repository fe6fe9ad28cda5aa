using System.Diagnostics;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Feeds;
using FinanceMatch.Core.Quality;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Quality;

/// <summary>
/// Runs the data-quality rules (<see cref="QualityRules"/>) over the records of the given firms, or of every firm: each
/// rule's findings for those firms are replaced by what fails it now, so a corrected record drops out at the next check.
/// Runs in the caller's transaction: after a batch, in the drain that rebuilds the touched firms' profiles; nightly, for all.
/// </summary>
public sealed partial class QualityCheck(TimeProvider clock, ILogger<QualityCheck> logger)
{
    private static string InsertSql(QualityRule rule, bool someFirms)
    {
        var schema = FeedSchema.For(rule.FeedType);
        var key = schema.RecordKeySql("r");
        return $"""
            INSERT INTO financematch.quality_findings (rule, feed_type, department_id, uscc, record_key, detail, found_at)
            SELECT DISTINCT ON (r.uscc, {key}) $2, $3, r.department_id, r.uscc, {key}, left({rule.Detail}, 500), $4
            FROM financematch.{schema.Table} r
            WHERE ({rule.Condition}){(someFirms ? " AND r.uscc = ANY ($5::bpchar[])" : "")}
            ON CONFLICT DO NOTHING
            """;
    }

    private static readonly Dictionary<string, (string Some, string All)> Statements = QualityRules.All.ToDictionary(
        r => r.Code,
        r => (InsertSql(r, true), InsertSql(r, false))
    );

    /// <returns>How many findings the firms have now.</returns>
    public async Task<int> RunAsync(
        NpgsqlConnection connection,
        IReadOnlyCollection<string>? usccs,
        CancellationToken ct
    )
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firms = usccs?.ToArray();
        if (firms is { Length: 0 })
            return 0;
        if (firms is null)
            await Sql.ExecuteAsync(connection, "DELETE FROM financematch.quality_findings", ct);
        else
            await Sql.ExecuteAsync(
                connection,
                "DELETE FROM financematch.quality_findings WHERE uscc = ANY ($1::bpchar[])",
                ct,
                (object)firms
            );
        var found = 0;
        foreach (var rule in QualityRules.All)
        {
            var (some, all) = Statements[rule.Code];
            await using var command = Sql.Command(
                connection,
                firms is null ? all : some,
                today,
                rule.Code,
                rule.FeedType.ToString(),
                now
            );
            command.CommandTimeout = 0; // the nightly check reads every record
            if (firms is not null)
                command.Parameters.Add(new() { Value = firms, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            found += await command.ExecuteNonQueryAsync(ct);
        }
        LogChecked(logger, firms?.Length, found, started.ElapsedMilliseconds);
        return found;
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Quality rules checked for {Firms} firms (null: all): {Findings} findings in {Milliseconds} ms"
    )]
    private static partial void LogChecked(ILogger logger, int? firms, int findings, long milliseconds);
}

using FinanceMatch.Client.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>
/// The matchmaking figures of the loan requests posted in a period (a cohort), grouped by one key; definitions in
/// docs/STATISTICS.md. Read from <see cref="StatisticsRollups"/>: month rows for the whole months of the period that are
/// rolled up, day rows for the rest, added up here, response-time histograms included (merging a million histogram
/// entries took PostgreSQL most of a second; here it takes milliseconds). A bank's figures are those of its own matches
/// and the requests matched to it.
/// </summary>
public static class MatchmakingFigures
{
    public sealed record Row(string Key, string Label, long LoanRequests, decimal RequestedAmount, long MatchedRequests, long Matches,
        long ApprovedMatches, decimal ApprovedAmount, long DisbursedLoans, decimal DisbursedAmount, double? ApprovalRate,
        double? MedianHoursToFirstResponse);

    /// <summary>Which rollup rows answer a grouping, and the key and label of each (over rollup rows <c>s</c>).</summary>
    private static (string Dimension, string Key, string Label) Source(StatsDimension? by) => by switch
    {
        null => ("all", "s.key", "s.label"),
        StatsDimension.Month => ("all", "to_char(s.day, 'YYYY-MM')", "to_char(s.day, 'YYYY-MM')"),
        // An institution's own rows are its row of the platform's breakdown, under its name as it is now.
        StatsDimension.Institution => ("all", "s.scope::text", "coalesce((SELECT i.name FROM financematch.institutions i WHERE i.id = s.scope), s.scope::text)"),
        StatsDimension.Product => ("product", "s.key", "s.label"),
        StatsDimension.Division => ("division", "s.key", "s.label"),
        StatsDimension.Industry => ("industry", "s.key", "s.label"),
        StatsDimension.Grade => ("grade", "s.key", "s.label"),
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };

    public static async Task<List<Row>> ComputeAsync(NpgsqlConnection connection, StatsDimension? by, StatsPeriod period, Guid? institutionId,
        CancellationToken ct)
    {
        var (dimension, key, label) = Source(by);
        // The platform's per-institution and per-product rows are the institutions' own; everything else has rows of its own.
        var everyInstitution = institutionId is null && by is StatsDimension.Institution or StatsDimension.Product;
        var scope = everyInstitution
            ? $"s.scope <> '{StatisticsRollups.Platform}'::uuid"
            : "s.scope = $4";
        var columns = $"{key}, {label}, s.loan_requests, s.requested_amount, s.matched_requests, s.matches, s.approved_matches, s.approved_amount, "
            + "s.disbursed_loans, s.disbursed_amount, s.decided_matches, s.response_tenths, s.response_counts";
        await using var command = new NpgsqlCommand($"""
            WITH bounds AS (
                SELECT coalesce($2::date, (SELECT min(day) FROM financematch.stats_rollups WHERE span = 'day')) AS first_day, $3::date AS last_day
            ), whole_months AS (
                -- Months lying wholly inside the period whose month rows are current.
                SELECT g.month::date AS month
                FROM bounds, generate_series(
                    CASE WHEN extract(day FROM first_day) = 1 THEN first_day::timestamp ELSE date_trunc('month', first_day::timestamp) + interval '1 month' END,
                    date_trunc('month', (last_day + 1)::timestamp) - interval '1 month', interval '1 month') AS g (month)
                WHERE NOT EXISTS (SELECT 1 FROM financematch.stats_stale_months stale WHERE stale.month = g.month::date)
            )
            SELECT {columns}
            FROM financematch.stats_rollups s
            WHERE {scope} AND s.dimension = $1 AND s.span = 'month' AND s.day IN (SELECT month FROM whole_months)
            UNION ALL
            SELECT {columns}
            FROM financematch.stats_rollups s, bounds b
            WHERE {scope} AND s.dimension = $1 AND s.span = 'day' AND s.day BETWEEN b.first_day AND b.last_day
                AND date_trunc('month', s.day::timestamp)::date NOT IN (SELECT month FROM whole_months)
            """, connection);
        command.Parameters.Add(new() { Value = dimension });
        command.Parameters.Add(new() { Value = period.From is { } from ? from : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new() { Value = period.To, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new() { Value = institutionId ?? StatisticsRollups.Platform });
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var groupKey = reader.GetString(0);
                if (!groups.TryGetValue(groupKey, out var group)) groups.Add(groupKey, group = new Group(reader.GetString(1)));
                group.Add(reader);
            }
        return groups.Select(g => g.Value.ToRow(g.Key)).ToList();
    }

    /// <summary>One key's rollup rows added up.</summary>
    private sealed class Group(string label)
    {
        private readonly ResponseHistogram responses = new();
        private long loanRequests, matchedRequests, matches, approved, disbursed, decided;
        private decimal requestedAmount, approvedAmount, disbursedAmount;

        public void Add(NpgsqlDataReader reader)
        {
            loanRequests += reader.GetInt64(2);
            requestedAmount += reader.GetDecimal(3);
            matchedRequests += reader.GetInt64(4);
            matches += reader.GetInt64(5);
            approved += reader.GetInt64(6);
            approvedAmount += reader.GetDecimal(7);
            disbursed += reader.GetInt64(8);
            disbursedAmount += reader.GetDecimal(9);
            decided += reader.GetInt64(10);
            responses.Add(reader.GetFieldValue<int[]>(11), reader.GetFieldValue<int[]>(12));
        }

        public Row ToRow(string key) => new(key, label, loanRequests, requestedAmount, matchedRequests, matches, approved, approvedAmount,
            disbursed, disbursedAmount, decided == 0 ? null : Math.Round((double)approved / decided, 4),
            responses.MedianTenths() is { } tenths ? Math.Round(tenths / 10, 2) : null);
    }
}

/// <summary>
/// Response times in whole tenths of an hour and how many responses took each: what rollup rows store, merged here.
/// </summary>
public sealed class ResponseHistogram
{
    private readonly Dictionary<int, long> counts = [];

    public void Add(int[] tenths, int[] responses)
    {
        for (var i = 0; i < tenths.Length; i++)
            counts[tenths[i]] = counts.GetValueOrDefault(tenths[i]) + responses[i];
    }

    /// <summary>The middle response time, or the mean of the two middle ones; null without responses.</summary>
    public double? MedianTenths()
    {
        var total = counts.Values.Sum();
        if (total == 0) return null;
        var (lowerRank, upperRank) = ((total + 1) / 2, total / 2 + 1);
        int? lower = null;
        long seen = 0;
        foreach (var (tenths, count) in counts.OrderBy(c => c.Key))
        {
            seen += count;
            if (lower is null && seen >= lowerRank) lower = tenths;
            if (seen >= upperRank) return (lower!.Value + tenths) / 2.0;
        }
        throw new InvalidOperationException("Unreachable: the upper middle rank is at most the total.");
    }
}

using System.Buffers.Binary;
using FinanceMatch.Api.Infrastructure;
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
    public sealed record Row(
        string Key,
        string Label,
        long LoanRequests,
        decimal RequestedAmount,
        long MatchedRequests,
        long Matches,
        long ApprovedMatches,
        decimal ApprovedAmount,
        long DisbursedLoans,
        decimal DisbursedAmount,
        double? ApprovalRate,
        double? MedianHoursToFirstResponse
    );

    /// <summary>Which rollup rows answer a grouping, and the key and label of each (over rollup rows <c>s</c>).</summary>
    private static (string Dimension, string Key, string Label) Source(StatsDimension? by) =>
        by switch
        {
            null => ("all", "s.key", "s.label"),
            StatsDimension.Month => ("all", "to_char(s.day, 'YYYY-MM')", "to_char(s.day, 'YYYY-MM')"),
            // An institution's own rows are its row of the platform's breakdown, under its name as it is now.
            StatsDimension.Institution => (
                "all",
                "s.scope::text",
                "coalesce((SELECT i.name FROM financematch.institutions i WHERE i.id = s.scope), s.scope::text)"
            ),
            StatsDimension.Product => ("product", "s.key", "s.label"),
            StatsDimension.Division => ("division", "s.key", "s.label"),
            StatsDimension.Industry => ("industry", "s.key", "s.label"),
            StatsDimension.Grade => ("grade", "s.key", "s.label"),
            _ => throw new ArgumentOutOfRangeException(nameof(by)),
        };

    public static async Task<List<Row>> ComputeAsync(
        NpgsqlConnection connection,
        StatsDimension? by,
        StatsPeriod period,
        Guid? institutionId,
        CancellationToken ct
    )
    {
        var (dimension, key, label) = Source(by);
        // The platform's per-institution and per-product rows are the institutions' own; everything else has rows of its own.
        var everyInstitution = institutionId is null && by is StatsDimension.Institution or StatsDimension.Product;
        var scope = everyInstitution ? $"s.scope <> '{StatisticsRollups.Platform}'::uuid" : "s.scope = $4";
        var columns =
            $"{key}, {label}, s.loan_requests, s.requested_amount, s.matched_requests, s.matches, s.approved_matches, s.approved_amount, "
            + "s.disbursed_loans, s.disbursed_amount, s.decided_matches, array_send(s.response_tenths), array_send(s.response_counts)";
        await using var command = Sql.Command(
            connection,
            $"""
            WITH bounds AS (
                SELECT coalesce($2::date, (SELECT min(day) FROM financematch.stats_rollups WHERE span = 'day')) AS first_day, $3::date AS last_day
            ), whole_months AS (
                -- Months lying wholly inside the period whose month rows are current.
                SELECT g.month::date AS month
                FROM bounds, generate_series(
                    CASE WHEN extract(day FROM first_day) = 1 THEN first_day::timestamp ELSE date_trunc('month', first_day::timestamp) + interval '1 month' END,
                    date_trunc('month', (last_day + 1)::timestamp) - interval '1 month', interval '1 month') AS g (month)
                WHERE NOT EXISTS (SELECT 1 FROM financematch.stats_stale_months stale WHERE stale.month = g.month::date)
            ), loose_days AS (
                -- The period's other days: the ends of the period, and months whose month rows are not current.
                SELECT d::date AS day
                FROM bounds, generate_series(first_day::timestamp, last_day::timestamp, interval '1 day') AS d
                WHERE date_trunc('month', d)::date NOT IN (SELECT month FROM whole_months)
            )
            -- Each part looks its rows up by an array of exact days: a day range with the whole months filtered out visited
            -- every day row of the year (360,000 for the product breakdown), and a join on the CTE was planned as a hash join
            -- over all of them.
            SELECT {columns}
            FROM financematch.stats_rollups s
            WHERE {scope} AND s.dimension = $1 AND s.span = 'month' AND s.day = ANY (ARRAY(SELECT month FROM whole_months))
            UNION ALL
            SELECT {columns}
            FROM financematch.stats_rollups s
            WHERE {scope} AND s.dimension = $1 AND s.span = 'day' AND s.day = ANY (ARRAY(SELECT day FROM loose_days))
            """,
            dimension
        );
        command.Parameters.Add(
            new() { Value = period.From is { } from ? from : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date }
        );
        command.Parameters.Add(new() { Value = period.To, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new() { Value = institutionId ?? StatisticsRollups.Platform });
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var groupKey = reader.GetString(0);
                if (!groups.TryGetValue(groupKey, out var group))
                    groups.Add(groupKey, group = new Group(reader.GetString(1)));
                group.Add(reader);
            }
        return groups.Select(g => g.Value.ToRow(g.Key)).ToList();
    }

    /// <summary>One key's rollup rows added up.</summary>
    private sealed class Group(string label)
    {
        private readonly ResponseHistogram responses = new();
        private long loanRequests,
            matchedRequests,
            matches,
            approved,
            disbursed,
            decided;
        private decimal requestedAmount,
            approvedAmount,
            disbursedAmount;

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
            responses.Add(
                PostgresIntArray.Read(reader.GetFieldValue<byte[]>(11)),
                PostgresIntArray.Read(reader.GetFieldValue<byte[]>(12))
            );
        }

        public Row ToRow(string key) =>
            new(
                key,
                label,
                loanRequests,
                requestedAmount,
                matchedRequests,
                matches,
                approved,
                approvedAmount,
                disbursed,
                disbursedAmount,
                decided == 0 ? null : Math.Round((double)approved / decided, 4),
                responses.MedianTenths() is { } tenths ? Math.Round(tenths / 10, 2) : null
            );
    }
}

/// <summary>
/// Response times in whole tenths of an hour and how many responses took each: what rollup rows store, merged here. The
/// counts sit in an array indexed by the time (a year of the product breakdown merges half a million entries; a
/// dictionary made that a sixth of the call).
/// </summary>
public sealed class ResponseHistogram
{
    private long[] counts = new long[1024];
    private long total;

    public void Add(int[] tenths, int[] responses)
    {
        for (var i = 0; i < tenths.Length; i++)
        {
            var time = tenths[i];
            // First responses are stamped by the database's clock after the match was made, so no time is negative.
            ArgumentOutOfRangeException.ThrowIfNegative(time);
            if (time >= counts.Length)
                Array.Resize(ref counts, Math.Max(time + 1, counts.Length * 2));
            counts[time] += responses[i];
            total += responses[i];
        }
    }

    /// <summary>The middle response time, or the mean of the two middle ones; null without responses.</summary>
    public double? MedianTenths()
    {
        if (total == 0)
            return null;
        var (lowerRank, upperRank) = ((total + 1) / 2, total / 2 + 1);
        int? lower = null;
        long seen = 0;
        for (var time = 0; time < counts.Length; time++)
        {
            seen += counts[time];
            if (lower is null && seen >= lowerRank)
                lower = time;
            if (seen >= upperRank)
                return (lower!.Value + time) / 2.0;
        }
        throw new InvalidOperationException("Unreachable: the upper middle rank is at most the total.");
    }
}

/// <summary>
/// An <c>integer[]</c> in PostgreSQL's binary array format, as <c>array_send</c> gives it. The histograms come this way
/// because Npgsql reads an array element by element through nested asynchronous reads: for the half a million entries of
/// a year's product breakdown that was 40% of the call's CPU; this is one allocation per array.
/// </summary>
public static class PostgresIntArray
{
    public static int[] Read(byte[] sent)
    {
        var data = sent.AsSpan();
        var dimensions = BinaryPrimitives.ReadInt32BigEndian(data);
        if (dimensions == 0)
            return [];
        if (dimensions != 1)
            throw new FormatException($"A one-dimensional array was expected, not {dimensions} dimensions.");
        // Then: has-nulls flag, element type, the dimension's length and lower bound; then each element's length and value.
        var length = BinaryPrimitives.ReadInt32BigEndian(data[12..]);
        var values = new int[length];
        var offset = 20;
        for (var i = 0; i < length; i++, offset += 8)
        {
            if (BinaryPrimitives.ReadInt32BigEndian(data[offset..]) != sizeof(int))
                throw new FormatException("An integer[] without nulls was expected.");
            values[i] = BinaryPrimitives.ReadInt32BigEndian(data[(offset + 4)..]);
        }
        return values;
    }
}

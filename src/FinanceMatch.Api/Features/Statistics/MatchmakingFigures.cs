using FinanceMatch.Client.Contracts;
using Npgsql;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>
/// The matchmaking figures, computed in one SQL aggregate over the loan requests posted in a period (a cohort) joined
/// with their matches, grouped by one key; definitions in docs/STATISTICS.md. A bank's figures are those of its own
/// matches and the requests matched to it.
/// </summary>
public static class MatchmakingFigures
{
    public sealed record Row(string Key, string Label, long LoanRequests, decimal RequestedAmount, long MatchedRequests, long Matches,
        long ApprovedMatches, decimal ApprovedAmount, long DisbursedLoans, decimal DisbursedAmount, double? ApprovalRate,
        double? MedianHoursToFirstResponse);

    /// <summary>The SQL of each grouping key and its label, over requests <c>r</c>, firms <c>e</c>, profiles <c>p</c>, matches <c>m</c> and institutions <c>i</c>.</summary>
    private static (string Key, string Label) Grouping(StatsDimension? by) => by switch
    {
        null => ("'all'", "'all'"),
        StatsDimension.Institution => ("m.institution_id::text", "i.name"),
        StatsDimension.Product => ("m.product_id::text", "m.product_name"),
        StatsDimension.Division => ("e.division_code::text", "e.division_code::text"),
        StatsDimension.Industry => ("e.industry_code::text", "e.industry_code::text"),
        StatsDimension.Grade => ("coalesce(p.grade, 'unrated')", "coalesce(p.grade, 'unrated')"),
        StatsDimension.Month => ("to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM')", "to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM')"),
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };

    public static async Task<List<Row>> ComputeAsync(NpgsqlConnection connection, StatsDimension? by, DateTimeOffset? from, DateTimeOffset to,
        Guid? institutionId, CancellationToken ct)
    {
        var (key, label) = Grouping(by);
        // Groupings by match (institution, product) leave out requests with no match; the others count every request.
        var matchGrouped = by is StatsDimension.Institution or StatsDimension.Product;
        await using var command = new NpgsqlCommand($"""
            WITH facts AS (
                SELECT {key} AS key, {label} AS label, r.id AS request_id, r.amount, m.id AS match_id, m.status, m.approved_at,
                    m.approved_amount, m.disbursed_amount, m.created_at AS matched_at, m.first_responded_at,
                    row_number() OVER (PARTITION BY {key}, r.id ORDER BY m.id) AS nth_of_request
                FROM financematch.loan_requests r
                JOIN financematch.enterprises e ON e.id = r.enterprise_id
                LEFT JOIN financematch.credit_profiles p ON p.enterprise_id = r.enterprise_id
                {(matchGrouped || institutionId is not null ? "JOIN" : "LEFT JOIN")} financematch.matches m
                    ON m.loan_request_id = r.id AND ($3::uuid IS NULL OR m.institution_id = $3)
                {(by == StatsDimension.Institution ? "JOIN financematch.institutions i ON i.id = m.institution_id" : "")}
                WHERE ($1::timestamptz IS NULL OR r.created_at >= $1) AND r.created_at < $2
            )
            SELECT key, min(label),
                count(*) FILTER (WHERE nth_of_request = 1),
                coalesce(sum(amount) FILTER (WHERE nth_of_request = 1), 0),
                count(DISTINCT request_id) FILTER (WHERE match_id IS NOT NULL),
                count(match_id),
                count(*) FILTER (WHERE approved_at IS NOT NULL),
                coalesce(sum(approved_amount) FILTER (WHERE approved_at IS NOT NULL), 0),
                count(*) FILTER (WHERE status = 'Disbursed'),
                coalesce(sum(disbursed_amount) FILTER (WHERE status = 'Disbursed'), 0),
                count(*) FILTER (WHERE approved_at IS NOT NULL OR status = 'Declined'),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_responded_at - matched_at) / 3600)
            FROM facts
            GROUP BY key
            ORDER BY key
            """, connection);
        command.Parameters.Add(new() { Value = from is { } f ? f : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = institutionId is { } i ? i : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var approved = reader.GetInt64(6);
            var decided = reader.GetInt64(10);
            rows.Add(new Row(reader.GetString(0), reader.IsDBNull(1) ? reader.GetString(0) : reader.GetString(1), reader.GetInt64(2),
                reader.GetDecimal(3), reader.GetInt64(4), reader.GetInt64(5), approved, reader.GetDecimal(7), reader.GetInt64(8), reader.GetDecimal(9),
                decided == 0 ? null : Math.Round((double)approved / decided, 4),
                reader.IsDBNull(11) ? null : Math.Round(reader.GetDouble(11), 2)));
        }
        return rows;
    }
}

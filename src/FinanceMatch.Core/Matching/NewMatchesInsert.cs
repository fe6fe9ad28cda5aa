using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Core.Matching;

/// <summary>
/// A request's new matches as one statement: one row each from parallel arrays. Written row by row, the 20 matches of a
/// request cost 20 statements (each planned, executed and logged for statistics on its own); this is one.
/// </summary>
public static class NewMatchesInsert
{
    private const string Sql = """
        INSERT INTO financematch.matches (id, loan_request_id, enterprise_id, product_id, product_version, product_name,
            institution_id, rank, fit_score, reasons, fit, status, created_at, updated_at)
        SELECT m.id, $1, $2, m.product_id, m.product_version, m.product_name, m.institution_id, m.rank, m.fit_score,
            m.reasons::jsonb, m.fit::jsonb, $3, $4, $4
        FROM unnest($5::uuid[], $6::uuid[], $7::integer[], $8::text[], $9::uuid[], $10::integer[], $11::integer[], $12::text[], $13::text[])
            AS m (id, product_id, product_version, product_name, institution_id, rank, fit_score, reasons, fit)
        """;

    /// <summary>Inserts <paramref name="matches"/>, all new and all of one request, on <paramref name="connection"/> (in its transaction, if any).</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<Match> matches, CancellationToken ct)
    {
        if (matches.Count == 0) return;
        var first = matches[0];
        if (matches.Any(m => m.LoanRequestId != first.LoanRequestId || m.Status != MatchStatus.Pending))
            throw new ArgumentException("New matches of one request only.", nameof(matches));
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new() { Value = first.LoanRequestId });
        command.Parameters.Add(new() { Value = first.EnterpriseId });
        command.Parameters.Add(new() { Value = MatchStatus.Pending.ToString() });
        command.Parameters.Add(new() { Value = first.CreatedAt });
        command.Parameters.Add(new() { Value = matches.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.ProductId).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.ProductVersion).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.ProductName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = matches.Select(m => m.InstitutionId).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.Rank).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.FitScore).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.Reasons).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = matches.Select(m => m.Fit).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(ct);
    }
}

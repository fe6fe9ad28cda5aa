using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Matching;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>
/// A request's new matches as one statement: one row each from parallel arrays. Written row by row, the 20 matches of a
/// request cost 20 statements (each planned, executed and logged for statistics on its own); this is one.
/// </summary>
public static class NewMatchesInsert
{
    private static readonly string Text = Infrastructure.Sql.Load("Matching.InsertNewMatches");

    /// <summary>Inserts <paramref name="matches"/>, all new and all of one request, on <paramref name="connection"/> (in its transaction, if any).</summary>
    public static async Task InsertAsync(
        NpgsqlConnection connection,
        IReadOnlyList<Match> matches,
        CancellationToken ct
    )
    {
        if (matches.Count == 0)
            return;
        var first = matches[0];
        if (matches.Any(m => m.LoanRequestId != first.LoanRequestId || m.Status != MatchStatus.Pending))
            throw new ArgumentException("New matches of one request only.", nameof(matches));
        await using var command = Sql.Command(
            connection,
            Text,
            first.LoanRequestId,
            first.EnterpriseId,
            MatchStatus.Pending.ToString(),
            first.CreatedAt,
            matches.Select(m => m.Id).ToArray(),
            matches.Select(m => m.ProductId).ToArray(),
            matches.Select(m => m.ProductVersion).ToArray()
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.ProductName).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            }
        );
        command.Parameters.Add(new() { Value = matches.Select(m => m.InstitutionId).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.Rank).ToArray() });
        command.Parameters.Add(new() { Value = matches.Select(m => m.FitScore).ToArray() });
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.Reasons).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            }
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.Fit).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            }
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.GuaranteeId).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid,
            }
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.GuarantorId).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid,
            }
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.GuaranteeCoverageRatio).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric,
            }
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => m.GuaranteeFeeRate).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric,
            }
        );
        command.Parameters.Add(
            new()
            {
                Value = matches.Select(m => string.Join(',', m.PolicyIds)).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            }
        );
        await command.ExecuteNonQueryAsync(ct);
    }
}

using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Core.Consents;
using Npgsql;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// Appends to a firm's access chain inside the reading transaction. The firm's chain head is locked (FOR UPDATE) while
/// the record is hashed and written, so concurrent reads of one firm append one after the other and the chain never
/// forks; reads of different firms do not wait for each other. The caller's transaction must be READ COMMITTED, so the
/// head it locks is the latest one.
/// </summary>
public static class ReportAccessLog
{
    public static async Task AppendAsync(NpgsqlConnection connection, ReportAccess access, CancellationToken ct)
    {
        int length;
        string lastHash;
        await using (var head = new NpgsqlBatch(connection))
        {
            head.BatchCommands.Add(Command("""
                INSERT INTO financematch.report_access_chains (enterprise_id, length, last_hash) VALUES ($1, 0, $2)
                ON CONFLICT (enterprise_id) DO NOTHING
                """, access.EnterpriseId, AccessChain.Genesis));
            head.BatchCommands.Add(Command("SELECT length, last_hash FROM financematch.report_access_chains WHERE enterprise_id = $1 FOR UPDATE",
                access.EnterpriseId));
            await using var reader = await head.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (length, lastHash) = (reader.GetInt32(0), reader.GetString(1));
        }
        access.Position = length + 1;
        access.PreviousHash = lastHash;
        access.Hash = AccessChain.Hash(CanonicalOf(access));
        await using var append = new NpgsqlBatch(connection);
        append.BatchCommands.Add(Command("""
            INSERT INTO financematch.report_accesses (id, enterprise_id, actor_role, institution_id, operator_client_id, consent_id, scopes, purpose,
                accessed_at, position, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, access.Id, access.EnterpriseId, access.ActorRole.ToString(), (object?)access.InstitutionId ?? DBNull.Value,
            (object?)access.OperatorClientId ?? DBNull.Value, (object?)access.ConsentId ?? DBNull.Value,
            access.Scopes.Select(s => s.ToString()).ToArray(), (object?)access.Purpose?.ToString() ?? DBNull.Value, access.AccessedAt,
            access.Position, access.PreviousHash, access.Hash));
        append.BatchCommands.Add(Command("UPDATE financematch.report_access_chains SET length = $2, last_hash = $3 WHERE enterprise_id = $1",
            access.EnterpriseId, access.Position, access.Hash));
        await append.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The record's canonical string, from its values as the API returns them.</summary>
    public static string CanonicalOf(ReportAccess a) =>
        AccessChain.Canonical(a.PreviousHash, a.Id, Wire(a.AccessedAt), Wire(a.ActorRole), a.InstitutionId, a.ConsentId,
            a.Purpose is { } purpose ? Wire(purpose) : null, a.Scopes.Select(s => Wire(s)));

    private static string Wire<T>(T value) => JsonSerializer.Serialize(value, FinanceMatchJson.Options).Trim('"');

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }
}

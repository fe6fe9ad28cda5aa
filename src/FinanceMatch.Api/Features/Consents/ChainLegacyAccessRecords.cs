using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Consents;
using Npgsql;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// Access records written before the chain existed carry no hash (the migration numbered them in time order); at
/// start-up each such firm's records are hashed in order and its chain head written, under the head's lock, so that
/// processes starting together do it once.
/// </summary>
public static class ChainLegacyAccessRecords
{
    public static async Task RunAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var firms = new List<Guid>();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (
            var select = Sql.Command(
                connection,
                "SELECT DISTINCT enterprise_id FROM financematch.report_accesses WHERE hash = ''"
            )
        )
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                firms.Add(reader.GetGuid(0));
        foreach (var firm in firms)
            await ChainAsync(dataSource, firm, ct);
    }

    private static async Task ChainAsync(NpgsqlDataSource dataSource, Guid enterpriseId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.ReadCommitted,
            ct
        );
        // The same lock appends take: no read of this firm appends while its old records are hashed.
        await using (
            var lockChain = Sql.Command(
                connection,
                "SELECT pg_advisory_xact_lock(hashtext('financematch.access-chain'), hashtext($1::text))",
                enterpriseId
            )
        )
        {
            await lockChain.ExecuteNonQueryAsync(ct);
        }
        var records = new List<ReportAccess>();
        await using (
            var select = Sql.Command(
                connection,
                """
                SELECT id, institution_id, consent_id, scopes, purpose, accessed_at, position, hash FROM financematch.report_accesses
                WHERE enterprise_id = $1 ORDER BY position
                """,
                enterpriseId
            )
        )
        {
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                records.Add(
                    new ReportAccess
                    {
                        Id = reader.GetGuid(0),
                        EnterpriseId = enterpriseId,
                        ActorRole = AccessActor.Bank,
                        InstitutionId = reader.IsDBNull(1) ? null : reader.GetGuid(1),
                        ConsentId = reader.IsDBNull(2) ? null : reader.GetGuid(2),
                        Scopes = reader.GetFieldValue<string[]>(3).Select(Enum.Parse<ConsentScope>).ToList(),
                        Purpose = reader.IsDBNull(4) ? null : Enum.Parse<ConsentPurpose>(reader.GetString(4)),
                        AccessedAt = reader.GetFieldValue<DateTimeOffset>(5),
                        Position = reader.GetInt32(6),
                        Hash = reader.GetString(7),
                    }
                );
        }
        if (records.All(r => r.Hash.Length > 0))
            return; // another process chained them first
        var previous = AccessChain.Genesis;
        await using var update = new NpgsqlBatch(connection);
        foreach (var record in records)
        {
            record.PreviousHash = previous;
            record.Hash = AccessChain.Hash(ReportAccessLog.CanonicalOf(record));
            var command = new NpgsqlBatchCommand(
                "UPDATE financematch.report_accesses SET previous_hash = $2, hash = $3 WHERE id = $1"
            );
            command.Parameters.Add(new() { Value = record.Id });
            command.Parameters.Add(new() { Value = record.PreviousHash });
            command.Parameters.Add(new() { Value = record.Hash });
            update.BatchCommands.Add(command);
            previous = record.Hash;
        }
        var headUpdate = new NpgsqlBatchCommand(
            """
            INSERT INTO financematch.report_access_chains (enterprise_id, length, last_hash) VALUES ($1, $2, $3)
            ON CONFLICT (enterprise_id) DO UPDATE SET length = excluded.length, last_hash = excluded.last_hash
            """
        );
        headUpdate.Parameters.Add(new() { Value = enterpriseId });
        headUpdate.Parameters.Add(new() { Value = records.Count });
        headUpdate.Parameters.Add(new() { Value = previous });
        update.BatchCommands.Add(headUpdate);
        await update.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

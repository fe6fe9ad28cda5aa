using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Core.Consents;
using Npgsql;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// Appends to a firm's access chain inside the reading transaction, in one round trip of two statements. Appends of one
/// firm are serialised by a transaction-scoped advisory lock on the firm (the first statement); the second, with a
/// snapshot taken after the lock under READ COMMITTED, reads the record the previous appender committed, hashes the new
/// one onto it (PostgreSQL's sha256 over the canonical string, whose part after the previous hash is built here by
/// <see cref="AccessChain.Canonical"/>), inserts it and moves the firm's chain head (length, last hash: what lets
/// verification notice records removed from the end). The chain never forks; reads of different firms never wait for
/// each other. The caller's transaction must be READ COMMITTED. A report read appends the same way, under the same lock,
/// in the statement that also checks its consent (<see cref="GetReport"/>).
/// </summary>
public static class ReportAccessLog
{
    private static readonly string AppendSql = Infrastructure.Sql.Load("Consents.AppendAccess");

    /// <summary>Every scope's name as the database stores it, in the order an operator's record lists them.</summary>
    internal static readonly string[] ScopeNames = Enum.GetNames<ConsentScope>();

    /// <summary>The wire name of each of <see cref="ScopeNames"/>, in the same order: what the canonical string holds.</summary>
    internal static readonly string[] ScopeWireNames = [.. Enum.GetValues<ConsentScope>().Select(s => Wire(s))];

    public static async Task AppendAsync(NpgsqlConnection connection, ReportAccess access, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Lock(access.EnterpriseId));
        // The canonical string after the previous hash (which only the database knows at this point): "|id|accessedAt|…".
        access.PreviousHash = "";
        var rest = CanonicalOf(access);
        batch.BatchCommands.Add(
            Infrastructure.Sql.BatchCommand(
                AppendSql,
                access.Id,
                access.EnterpriseId,
                access.ActorRole.ToString(),
                (object?)access.InstitutionId ?? DBNull.Value,
                (object?)access.OperatorClientId ?? DBNull.Value,
                (object?)access.ConsentId ?? DBNull.Value,
                access.Scopes.Select(s => s.ToString()).ToArray(),
                (object?)access.Purpose?.ToString() ?? DBNull.Value,
                access.AccessedAt,
                rest,
                AccessChain.Genesis
            )
        );
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        (access.Position, access.PreviousHash, access.Hash) = (
            reader.GetInt32(0),
            reader.GetString(1),
            reader.GetString(2)
        );
    }

    /// <summary>
    /// The lock that serialises the appends to one firm's chain, held to the end of the transaction: every appender
    /// takes it before the statement that reads the chain's last record.
    /// </summary>
    internal static NpgsqlBatchCommand Lock(Guid enterpriseId) =>
        Infrastructure.Sql.BatchCommand(
            "SELECT pg_advisory_xact_lock(hashtext('financematch.access-chain'), hashtext($1::text))",
            enterpriseId
        );

    /// <summary>The record's canonical string, from its values as the API returns them.</summary>
    public static string CanonicalOf(ReportAccess a) =>
        AccessChain.Canonical(
            a.PreviousHash,
            a.Id,
            AccessedAt(a.AccessedAt),
            Wire(a.ActorRole),
            a.InstitutionId,
            a.ConsentId,
            a.Purpose is { } purpose ? Wire(purpose) : null,
            a.Scopes.Select(s => Wire(s))
        );

    /// <summary>
    /// The part of a record's canonical string between the previous hash and the consent id,
    /// "|id|accessedAt|actorRole|institutionId|": for a read whose consent, purpose and scopes the statement that appends
    /// it completes (<see cref="CanonicalOf"/> joins the same values the same way).
    /// </summary>
    internal static string CanonicalHead(
        Guid id,
        DateTimeOffset accessedAt,
        AccessActor actorRole,
        Guid? institutionId
    ) =>
        string.Concat(
            "|",
            id.ToString("D"),
            "|",
            AccessedAt(accessedAt),
            "|",
            Wire(actorRole),
            "|",
            institutionId?.ToString("D") ?? "",
            "|"
        );

    /// <summary>An instant as the API returns it (ISO 8601, as the JSON options write it).</summary>
    private static string AccessedAt(DateTimeOffset accessedAt) =>
        JsonSerializer.Serialize(accessedAt, FinanceMatchJson.Options).Trim('"');

    /// <summary>An enum's wire name (camelCase), as the JSON options write it.</summary>
    internal static string Wire<T>(T value)
        where T : struct, Enum => WireNames<T>.Of[value];

    private static class WireNames<T>
        where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<T, string> Of = Enum.GetValues<T>()
            .ToDictionary(v => v, v => JsonSerializer.Serialize(v, FinanceMatchJson.Options).Trim('"'));
    }
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Consents;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// Recomputes every firm's access chain, streaming the records in chain order: a record is broken when its position is
/// not the next one, its previous hash is not its predecessor's hash, or its own hash does not match its values. A chain
/// whose head (length, last hash) does not match its last record lost records at its end; its last record is reported.
/// </summary>
public static class VerifyAccessChains
{
    public sealed record Query : IRequest<AccessChainVerificationDto>;

    public sealed class Handler(NpgsqlDataSource dataSource) : IRequestHandler<Query, AccessChainVerificationDto>
    {
        public async ValueTask<AccessChainVerificationDto> Handle(Query query, CancellationToken ct)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(
                System.Data.IsolationLevel.RepeatableRead,
                ct
            );
            var heads = new Dictionary<Guid, (int Length, string LastHash)>();
            await using (
                var select = Sql.Command(
                    connection,
                    "SELECT enterprise_id, length, last_hash FROM financematch.report_access_chains"
                )
            )
            await using (var reader = await select.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    heads[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetString(2));

            var broken = new List<BrokenAccessRecordDto>();
            long records = 0,
                enterprises = 0;
            Guid? current = null;
            var (position, previous, lastId) = (0, AccessChain.Genesis, Guid.Empty);
            void EndChain()
            {
                if (current is not { } enterprise)
                    return;
                enterprises++;
                if (
                    !heads.TryGetValue(enterprise, out var head)
                    || head.Length != position
                    || head.LastHash != previous
                )
                    broken.Add(new BrokenAccessRecordDto(enterprise, lastId));
            }
            await using (
                var select = Sql.Command(connection, Infrastructure.Sql.Load("Consents.AccessRecordsInChainOrder"))
            )
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var access = new ReportAccess
                    {
                        Id = reader.GetGuid(0),
                        EnterpriseId = reader.GetGuid(1),
                        ActorRole = Enum.Parse<AccessActor>(reader.GetString(2)),
                        InstitutionId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
                        OperatorClientId = reader.IsDBNull(4) ? null : reader.GetString(4),
                        ConsentId = reader.IsDBNull(5) ? null : reader.GetGuid(5),
                        Scopes = reader
                            .GetFieldValue<string[]>(6)
                            .Select(Enum.Parse<Core.Consents.ConsentScope>)
                            .ToList(),
                        Purpose = reader.IsDBNull(7)
                            ? null
                            : Enum.Parse<Core.Consents.ConsentPurpose>(reader.GetString(7)),
                        AccessedAt = reader.GetFieldValue<DateTimeOffset>(8),
                        Position = reader.GetInt32(9),
                        PreviousHash = reader.GetString(10),
                        Hash = reader.GetString(11),
                    };
                    if (access.EnterpriseId != current)
                    {
                        EndChain();
                        (current, position, previous) = (access.EnterpriseId, 0, AccessChain.Genesis);
                    }
                    records++;
                    if (
                        access.Position != position + 1
                        || access.PreviousHash != previous
                        || access.Hash != AccessChain.Hash(ReportAccessLog.CanonicalOf(access))
                    )
                        broken.Add(new BrokenAccessRecordDto(access.EnterpriseId, access.Id));
                    (position, previous, lastId) = (access.Position, access.Hash, access.Id);
                }
            }
            EndChain();
            return new AccessChainVerificationDto(enterprises, records, broken.DistinctBy(b => b.RecordId).ToList());
        }
    }

    internal static async Task<AccessChainVerificationDto> Endpoint(ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(), ct);
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using Hangfire;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// Rebuilds the profiles of every firm a committed batch touched since the last drain, each once, and checks their
/// records against the data-quality rules.
/// </summary>
public static class DrainProfileRebuilds
{
    private const int ChunkSize = 20_000;

    public sealed record Command : IRequest<int>;

    public sealed class Handler(NpgsqlDataSource dataSource, ProfileBuilder builder, Quality.QualityCheck quality)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
            await using (
                var clear = Sql.Command(
                    connection,
                    "DELETE FROM financematch.pending_job_triggers WHERE name = $1",
                    ProfileRebuildTrigger.Name
                )
            )
            {
                await clear.ExecuteNonQueryAsync(ct);
            }
            var total = 0;
            while (true)
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                // Taken and rebuilt in one transaction: a crash puts the requests back.
                var usccs = new List<string>();
                await using (
                    var take = Sql.Command(
                        connection,
                        """
                        DELETE FROM financematch.profile_rebuild_requests
                        WHERE uscc IN (SELECT uscc FROM financematch.profile_rebuild_requests ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                        RETURNING uscc
                        """,
                        ChunkSize
                    )
                )
                {
                    await using var reader = await take.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        usccs.Add(reader.GetString(0));
                }
                if (usccs.Count == 0)
                    return total;
                await builder.RebuildAsync(connection, usccs, ct);
                // The batches that touched these firms are checked against the quality rules with them.
                await quality.RunAsync(connection, usccs, ct);
                await transaction.CommitAsync(ct);
                total += usccs.Count;
            }
        }
    }

    public sealed class Job(ISender sender)
    {
        // No lock: each run claims its firms with SKIP LOCKED, so runs that overlap share the work instead of repeating it.
        [Queue(JobQueues.Default)]
        public Task Run(CancellationToken ct) => sender.Send(new Command(), ct).AsTask();
    }
}

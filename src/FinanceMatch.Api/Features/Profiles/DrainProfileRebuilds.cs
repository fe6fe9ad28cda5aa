using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;
using DomainRebuildDrain = FinanceMatch.Core.Profiles.RebuildDrain;
using DomainRebuildDrainAction = FinanceMatch.Core.Profiles.RebuildDrainAction;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// Rebuilds the profiles of every firm a committed batch touched since the last drain, each once, and checks their
/// records against the data-quality rules: in steps, in one pass over every firm, or later when a large burst has
/// batches still in flight (<see cref="DomainRebuildDrain"/>, at most <see cref="ProfileOptions.RebuildMaxDelaySeconds"/>
/// after the oldest request).
/// </summary>
public static partial class DrainProfileRebuilds
{
    /// <summary>
    /// Held shared by each targeted step and exclusively by a full pass: a full pass never compares a profile with the
    /// one a concurrent step is replacing, so no alert is raised twice.
    /// </summary>
    private const string StepLock =
        "SELECT pg_advisory_xact_lock_shared(hashtextextended('financematch.drain-profile-rebuilds', 0))";

    private const string FullPassLock =
        "SELECT pg_advisory_xact_lock(hashtextextended('financematch.drain-profile-rebuilds', 0))";

    public sealed record Command : IRequest<int>;

    public sealed partial class Handler(
        NpgsqlDataSource dataSource,
        ProfileBuilder builder,
        Quality.QualityCheck quality,
        IOptions<ProfileOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            // The trigger goes first: a drain that waits is asked again by the batch that finishes last (or by the
            // recurring drain once the oldest request has waited its longest).
            await Sql.ExecuteAsync(
                dataSource,
                "DELETE FROM financematch.pending_job_triggers WHERE name = $1",
                ct,
                ProfileRebuildTrigger.Name
            );
            var total = 0;
            while (true)
            {
                // Decided again before every step: a drain that began with a few requests must not go on stepping
                // through a burst that committed meanwhile (at 1,000,000 firms, 50 steps while a pass takes one).
                var action = await DecideAsync(ct);
                if (action == DomainRebuildDrainAction.Wait)
                {
                    LogWaiting(logger);
                    return total;
                }
                if (action == DomainRebuildDrainAction.FullPass && await FullPassAsync(ct) is { } rebuilt)
                    return total + rebuilt;
                var stepped = await StepAsync(ct);
                if (stepped == 0)
                    return total;
                total += stepped;
            }
        }

        private async Task<DomainRebuildDrainAction> DecideAsync(CancellationToken ct)
        {
            var (inFlight, oldest, pending, verified) = (
                await Sql.QueryAsync(
                    dataSource,
                    """
                    SELECT EXISTS (SELECT 1 FROM financematch.feed_batches WHERE status IN ('Queued', 'Processing')),
                        (SELECT min(requested_at) FROM financematch.profile_rebuild_requests),
                        (SELECT count(*) FROM financematch.profile_rebuild_requests),
                        (SELECT count(*) FROM financematch.enterprises WHERE verification = 'Verified')
                    """,
                    r =>
                        (
                            r.GetBoolean(0),
                            r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1),
                            r.GetInt64(2),
                            r.GetInt64(3)
                        ),
                    ct
                )
            )[0];
            return DomainRebuildDrain.Decide(
                pending,
                verified,
                inFlight,
                oldest is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero,
                TimeSpan.FromSeconds(options.Value.RebuildMaxDelaySeconds)
            );
        }

        /// <summary>The oldest requests, at most one step of them, taken and rebuilt in one transaction: a crash puts them back.</summary>
        private async Task<int> StepAsync(CancellationToken ct)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await Sql.ExecuteAsync(connection, StepLock, ct);
            var usccs = await Sql.QueryAsync(
                connection,
                """
                DELETE FROM financematch.profile_rebuild_requests
                WHERE uscc IN (SELECT uscc FROM financematch.profile_rebuild_requests ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING uscc
                """,
                r => r.GetString(0),
                ct,
                DomainRebuildDrain.StepFirms
            );
            if (usccs.Count == 0)
                return 0;
            await builder.RebuildAsync(connection, usccs, ct);
            // The batches that touched these firms are checked against the quality rules with them.
            await quality.RunAsync(connection, usccs, ct);
            await transaction.CommitAsync(ct);
            return usccs.Count;
        }

        /// <summary>
        /// Every request taken (waiting for any step that holds some), every verified firm rebuilt in one pass and
        /// every record checked, in one transaction; requests that arrive meanwhile wait for the next drain. Null when,
        /// once the lock is held, a pass that ran meanwhile has left too few requests to be worth another.
        /// </summary>
        private async Task<int?> FullPassAsync(CancellationToken ct)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await Sql.ExecuteAsync(connection, FullPassLock, ct);
            var (pending, verified) = (
                await Sql.QueryAsync(
                    connection,
                    """
                    SELECT (SELECT count(*) FROM financematch.profile_rebuild_requests),
                        (SELECT count(*) FROM financematch.enterprises WHERE verification = 'Verified')
                    """,
                    r => (r.GetInt64(0), r.GetInt64(1)),
                    ct
                )
            )[0];
            if (!DomainRebuildDrain.WorthAFullPass(pending, verified))
                return null;
            var taken = await Sql.ExecuteAsync(connection, "DELETE FROM financematch.profile_rebuild_requests", ct);
            var rebuilt = await builder.RebuildAsync(connection, null, ct);
            await quality.RunAsync(connection, null, ct);
            await transaction.CommitAsync(ct);
            LogFullPass(logger, taken, rebuilt);
            return rebuilt;
        }

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "Profile rebuilds wait for feed batches still being processed"
        )]
        private static partial void LogWaiting(ILogger logger);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "Profile rebuilds in one pass: {Requests} firms asked for, {Rebuilt} verified firms rebuilt"
        )]
        private static partial void LogFullPass(ILogger logger, int requests, int rebuilt);
    }

    public sealed class Job(ISender sender)
    {
        // No lock: each run claims its firms with SKIP LOCKED, so runs that overlap share the work instead of repeating it.
        [Queue(JobQueues.Default)]
        public Task Run(CancellationToken ct) => sender.Send(new Command(), ct).AsTask();
    }
}

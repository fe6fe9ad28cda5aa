using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using DomainProfileRebuildRun = FinanceMatch.Core.Profiles.ProfileRebuildRun;
using DomainRebuildRunKind = FinanceMatch.Core.Profiles.RebuildRunKind;
using DomainRebuildRunStatus = FinanceMatch.Core.Profiles.RebuildRunStatus;
using DomainScoringModel = FinanceMatch.Core.Profiles.ScoringModel;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// Runs the profile rebuild runs that are queued or running (recomputes, the nightly one among them, and model
/// switch-overs), one after another: every verified firm, a step of firms (USCC order, after the last one done) per
/// transaction. The step and the run's progress commit together, so a crash resumes where it stopped and never records a
/// firm twice. A switch-over scores with its target and records each firm's score by the version it leaves beside it.
/// </summary>
public static partial class RunProfileRebuildRuns
{
    public const string RecurringJobId = "resume-profile-rebuild-runs";

    /// <summary>
    /// The lock every rebuild of all firms holds, so a recompute, a switch-over and the nightly rebuild never interleave
    /// (neither stores one version over the other's steps); named after the job that first took it.
    /// </summary>
    public const string LockName = "RebuildAllProfiles";

    public sealed partial class Job(
        FinanceMatchDbContext db,
        ProfileBuilder builder,
        IOptions<ProfileOptions> options,
        ExclusiveRun exclusive,
        TimeProvider clock,
        ILogger<Job> logger
    )
    {
        /// <summary>
        /// Runs every queued or running run, the one this job was enqueued for among them. Under the lock: a job that finds
        /// it taken skips, since the holder takes every run it finds before it lets go (and the minutely resume covers a run
        /// asked for just as the holder let go).
        /// </summary>
        [Queue(JobQueues.Default)]
        public Task Run(Guid runId, CancellationToken ct) => exclusive.RunAsync(LockName, RunActiveAsync, ct);

        /// <summary>
        /// Minutely: a run whose job was lost (a crash before it was enqueued, retries spent), a run whose step failed, and
        /// a recompute queued while another rebuild held the lock are taken up.
        /// </summary>
        [Queue(JobQueues.Default)]
        public Task ResumeAsync(CancellationToken ct) => exclusive.RunAsync(LockName, RunActiveAsync, ct);

        private async Task RunActiveAsync(CancellationToken ct)
        {
            // A run whose step failed waits for the next resume, so that it holds up no other run meanwhile.
            var passedOver = new List<Guid>();
            while (await NextActiveAsync(passedOver, ct) is { } runId)
            {
                try
                {
                    await RunAsync(runId, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    passedOver.Add(runId);
                    await RecordFailureAsync(runId, e, ct);
                }
            }
        }

        /// <summary>
        /// Switch-overs first (their target is in force already), then the oldest asked for; at most one of each kind is
        /// queued or running.
        /// </summary>
        private async Task<Guid?> NextActiveAsync(List<Guid> passedOver, CancellationToken ct)
        {
            var active = await db
                .ProfileRebuildRuns.AsNoTracking()
                .Where(r => r.Status == DomainRebuildRunStatus.Queued || r.Status == DomainRebuildRunStatus.Running)
                .ToListAsync(ct);
            return active
                .Where(r => !passedOver.Contains(r.Id))
                .OrderByDescending(r => r.Kind == DomainRebuildRunKind.SwitchOver)
                .ThenBy(r => r.RequestedAt)
                .Select(r => (Guid?)r.Id)
                .FirstOrDefault();
        }

        private async Task RunAsync(Guid runId, CancellationToken ct)
        {
            while (true)
            {
                db.ChangeTracker.Clear();
                var run = await db.ProfileRebuildRuns.SingleAsync(r => r.Id == runId, ct);
                if (!run.IsActive)
                    return;
                if (run.Status == DomainRebuildRunStatus.Queued)
                {
                    var total = await db.Enterprises.CountAsync(
                        e => e.Verification == Core.Enterprises.EnterpriseVerification.Verified,
                        ct
                    );
                    run.Start(total, clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                }
                if (await StepAsync(run, ct))
                    return;
            }
        }

        /// <summary>
        /// A recompute's first step rebuilds every verified firm in one pass: one aggregate over the feed tables, as the
        /// nightly rebuild always did (within 3× a hand-written aggregate, docs/PERFORMANCE.md), where steps of 2,000 firms
        /// looked up by USCC cost several times more per firm. Its progress moves from none to every firm when the pass
        /// commits; firms verified meanwhile, after the last USCC it saw, follow in steps.
        /// </summary>
        private async Task<bool> WholePassAsync(
            DomainProfileRebuildRun run,
            NpgsqlConnection connection,
            Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
            CancellationToken ct
        )
        {
            var last = (
                await Sql.QueryAsync(
                    connection,
                    "SELECT max(uscc) FROM financematch.enterprises WHERE verification = 'Verified'",
                    r => r.IsDBNull(0) ? null : r.GetString(0),
                    ct
                )
            )[0];
            if (last is null)
            {
                run.Complete(clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                LogCompleted(logger, run.Kind, run.Id, run.Done);
                return true;
            }
            var rebuilt = await builder.RebuildAsync(connection, null, ct);
            run.Advance(rebuilt, last);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            LogProgress(logger, run.Kind, run.Id, run.Done, run.Total);
            return false;
        }

        /// <returns>Whether the run has finished: no verified firm was left after its last one.</returns>
        private async Task<bool> StepAsync(DomainProfileRebuildRun run, CancellationToken ct)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (run.Kind == DomainRebuildRunKind.Recompute && run.LastUscc is null)
                return await WholePassAsync(run, connection, transaction, ct);
            var step = await Sql.QueryAsync(
                connection,
                """
                SELECT uscc FROM financematch.enterprises
                WHERE verification = 'Verified' AND ($1::bpchar IS NULL OR uscc > $1::bpchar) ORDER BY uscc LIMIT $2
                """,
                r => r.GetString(0),
                ct,
                (object?)run.LastUscc ?? DBNull.Value,
                options.Value.RebuildRunChunk
            );
            if (step.Count == 0)
            {
                run.Complete(clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                LogCompleted(logger, run.Kind, run.Id, run.Done);
                return true;
            }
            // A recompute scores with the version in force, which the builder reads once it holds the step's firms.
            var switchOver = run.Kind == DomainRebuildRunKind.SwitchOver;
            await builder.RebuildAsync(
                connection,
                step,
                ct,
                switchOver ? DomainScoringModel.Find(run.ToVersion) : null,
                switchOver ? DomainScoringModel.Find(run.FromVersion) : null
            );
            run.Advance(step.Count, step[^1]);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            LogProgress(logger, run.Kind, run.Id, run.Done, run.Total);
            return false;
        }

        /// <summary>The step's transaction was rolled back; the failure is kept on the run, in a transaction of its own.</summary>
        private async Task RecordFailureAsync(Guid runId, Exception failure, CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            var run = await db.ProfileRebuildRuns.SingleAsync(r => r.Id == runId, ct);
            if (!run.IsActive)
                return;
            run.RecordFailure(failure.Message, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            LogFailed(logger, failure, run.Kind, runId, run.FailedAttempts, run.Status);
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {RunId}: {Done} of {Total} firms")]
        private static partial void LogProgress(
            ILogger logger,
            DomainRebuildRunKind kind,
            Guid runId,
            int done,
            int total
        );

        [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {RunId} completed: {Done} firms rebuilt")]
        private static partial void LogCompleted(ILogger logger, DomainRebuildRunKind kind, Guid runId, int done);

        [LoggerMessage(
            Level = LogLevel.Error,
            Message = "{Kind} {RunId}: a step failed ({Attempts} in a row); the run is {Status}"
        )]
        private static partial void LogFailed(
            ILogger logger,
            Exception exception,
            DomainRebuildRunKind kind,
            Guid runId,
            int attempts,
            DomainRebuildRunStatus status
        );
    }
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using DomainScoringModel = FinanceMatch.Core.Profiles.ScoringModel;
using DomainSwitchOverStatus = FinanceMatch.Core.Profiles.SwitchOverStatus;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// Rebuilds every verified firm with the switch-over's target version, a step of firms (USCC order, after the last one
/// done) per transaction, recording each firm's score by the version left and by the new one; the step and the progress
/// commit together, so a crash resumes where it stopped and never records a firm twice.
/// </summary>
public static partial class RunModelSwitchOver
{
    public const string RecurringJobId = "resume-model-switch-overs";

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
        /// Under the full rebuild's lock: the nightly rebuild of every firm and a switch-over never interleave, so neither
        /// stores one version over the other's steps (the one that finds the lock taken skips; the sweep resumes a switch-over).
        /// </summary>
        [Queue(JobQueues.Default)]
        public Task Run(Guid switchOverId, CancellationToken ct) =>
            exclusive.RunAsync(nameof(RebuildAllProfiles), ct => RunAsync(switchOverId, ct), ct);

        /// <summary>Minutely: a switch-over still running whose job was lost (a crash before it was enqueued, retries spent) is resumed.</summary>
        [Queue(JobQueues.Default)]
        public async Task ResumeAsync(CancellationToken ct)
        {
            var running = await db
                .ModelSwitchOvers.AsNoTracking()
                .Where(s => s.Status == DomainSwitchOverStatus.Running)
                .Select(s => s.Id)
                .ToListAsync(ct);
            foreach (var id in running)
                await Run(id, ct);
        }

        private async Task RunAsync(Guid switchOverId, CancellationToken ct)
        {
            while (true)
            {
                db.ChangeTracker.Clear();
                var switchOver = await db.ModelSwitchOvers.SingleOrDefaultAsync(s => s.Id == switchOverId, ct);
                if (switchOver is not { Status: DomainSwitchOverStatus.Running })
                    return;
                var to = DomainScoringModel.Find(switchOver.ToVersion)!;
                var from = DomainScoringModel.Find(switchOver.FromVersion);
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var step = await Sql.QueryAsync(
                    connection,
                    """
                    SELECT uscc FROM financematch.enterprises
                    WHERE verification = 'Verified' AND ($1::text IS NULL OR uscc > $1) ORDER BY uscc LIMIT $2
                    """,
                    r => r.GetString(0),
                    ct,
                    (object?)switchOver.LastUscc ?? DBNull.Value,
                    options.Value.SwitchOverChunk
                );
                if (step.Count == 0)
                {
                    switchOver.Complete(clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    LogCompleted(logger, switchOver.FromVersion, switchOver.ToVersion, switchOver.Done);
                    return;
                }
                await builder.RebuildAsync(connection, step, ct, to, from);
                switchOver.Advance(step.Count, step[^1]);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                LogProgress(logger, switchOver.ToVersion, switchOver.Done, switchOver.Total);
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Switch-over to {Version}: {Done} of {Total} firms")]
        private static partial void LogProgress(ILogger logger, string version, int done, int total);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "Switch-over from {From} to {To} completed: {Done} firms rebuilt"
        )]
        private static partial void LogCompleted(ILogger logger, string? from, string to, int done);
    }
}

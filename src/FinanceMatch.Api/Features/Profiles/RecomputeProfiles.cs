using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainProfileRebuildRun = FinanceMatch.Core.Profiles.ProfileRebuildRun;
using DomainRebuildRunKind = FinanceMatch.Core.Profiles.RebuildRunKind;
using DomainRebuildRunStatus = FinanceMatch.Core.Profiles.RebuildRunStatus;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// Every verified firm's profile rebuilt, as a run with progress: asked by an operator, and nightly by the schedule so
/// month windows roll over. One recompute is queued or running at a time; asking while one is answers with that one, and
/// two asks racing are settled by the one-active index (the loser answers with the winner's run).
/// </summary>
public static class RecomputeProfiles
{
    /// <param name="RequestedBy">The operator's client id; null for the nightly schedule.</param>
    public sealed record Command(string? RequestedBy) : IRequest<ProfileRecomputeDto>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, ProfileRecomputeDto>
    {
        public async ValueTask<ProfileRecomputeDto> Handle(Command command, CancellationToken ct)
        {
            while (true)
            {
                var active = await db
                    .ProfileRebuildRuns.AsNoTracking()
                    .Where(r =>
                        r.Kind == DomainRebuildRunKind.Recompute
                        && (r.Status == DomainRebuildRunStatus.Queued || r.Status == DomainRebuildRunStatus.Running)
                    )
                    .FirstOrDefaultAsync(ct);
                if (active is not null)
                    return active.ToRecomputeDto();
                var total = await db.Enterprises.CountAsync(
                    e => e.Verification == Core.Enterprises.EnterpriseVerification.Verified,
                    ct
                );
                var run = DomainProfileRebuildRun.Recompute(total, command.RequestedBy, clock.GetUtcNow());
                db.ProfileRebuildRuns.Add(run);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e)
                    when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another ask inserted its run first: read it (or, if it finished meanwhile, ask again).
                    db.ChangeTracker.Clear();
                    continue;
                }
                jobs.Enqueue<RunProfileRebuildRuns.Job>(job => job.Run(run.Id, CancellationToken.None));
                return run.ToRecomputeDto();
            }
        }
    }

    /// <summary>Nightly (<c>rebuild-all-profiles</c>): a recompute asked by the schedule, or the one already asked for.</summary>
    public sealed class Job(ISender sender)
    {
        [Queue(JobQueues.Default)]
        public Task Run(CancellationToken ct) => sender.Send(new Command(null), ct).AsTask();
    }

    internal static ProfileRecomputeDto ToRecomputeDto(this DomainProfileRebuildRun r) =>
        new(
            r.Id,
            r.Status.Map<RecomputeStatus>(),
            r.Done,
            r.Total,
            r.RequestedBy,
            r.RequestedAt,
            r.StartedAt,
            r.FinishedAt,
            r.FailureReason
        );

    internal static async Task<Accepted<ProfileRecomputeDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var run = await sender.Send(new Command(caller.RequiredClientId), ct);
        return TypedResults.Accepted($"/api/v1/profiles/recomputes/{run.Id}", run);
    }
}

using FinanceMatch.Api.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>
/// The seam from a posted loan request to the matching workers. A run matches every request it finds waiting, so a
/// request needs a run that starts after it was committed, not a job of its own: a request takes one of
/// <see cref="MatchingOptions.QueuedRuns"/> trigger slots (a row in <c>pending_job_triggers</c>) and enqueues a run for
/// it; when every slot is taken, that many runs are queued and not yet started, and each will find the request. A run
/// frees its slot as it starts, before it looks for requests. Under a burst this is a handful of jobs instead of one per
/// request; an idle platform still matches a request at once.
/// </summary>
public sealed class MatchingTrigger(
    NpgsqlDataSource dataSource,
    IBackgroundJobClient jobs,
    IOptions<MatchingOptions> options,
    TimeProvider clock
)
{
    private const string SlotPrefix = "match-waiting-requests:";

    /// <summary>Called after a request awaiting matching is committed.</summary>
    public async Task RequestAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var take = Sql.Command(
            connection,
            """
            INSERT INTO financematch.pending_job_triggers (name, requested_at)
            SELECT $1 || s, $3 FROM generate_series(0, $2 - 1) AS s
            WHERE NOT EXISTS (SELECT 1 FROM financematch.pending_job_triggers t WHERE t.name = $1 || s)
            ORDER BY s LIMIT 1
            ON CONFLICT DO NOTHING
            RETURNING name
            """,
            SlotPrefix,
            options.Value.QueuedRuns,
            clock.GetUtcNow()
        );
        // No slot (all taken, or a concurrent request took the free one): a queued run that has not started will find the request.
        if (await take.ExecuteScalarAsync(ct) is string slot)
            jobs.Enqueue<MatchWaitingRequests.Job>(job => job.Run(slot, CancellationToken.None));
    }

    /// <summary>Frees a run's slot as the run starts.</summary>
    public async Task FreeAsync(string slot, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var free = Sql.Command(
            connection,
            "DELETE FROM financematch.pending_job_triggers WHERE name = $1",
            slot
        );
        await free.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Frees slots taken before <paramref name="before"/>: a slot whose run was never enqueued (the process died in
    /// between) would otherwise stay taken. Freeing a slot whose run is merely late costs at most one extra run.
    /// </summary>
    public async Task<int> FreeStaleAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var free = Sql.Command(
            connection,
            "DELETE FROM financematch.pending_job_triggers WHERE starts_with(name, $1) AND requested_at < $2",
            SlotPrefix,
            before
        );
        return await free.ExecuteNonQueryAsync(ct);
    }
}

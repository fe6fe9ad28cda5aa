using FinanceMatch.Api.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// The seam from feeds: a committed batch asks for a rebuild; only the first ask of a burst schedules the drain job,
/// <see cref="ProfileOptions.RebuildDelaySeconds"/> after the burst's oldest request.
/// A recurring drain every minute covers an ask whose scheduling was lost to a crash.
/// </summary>
public sealed class ProfileRebuildTrigger(
    NpgsqlDataSource dataSource,
    IBackgroundJobClient jobs,
    IOptions<ProfileOptions> options,
    TimeProvider clock
)
{
    public const string Name = "drain-profile-rebuilds";

    public async Task RequestAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var insert = Sql.Command(
            connection,
            "INSERT INTO financematch.pending_job_triggers (name, requested_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            Name,
            clock.GetUtcNow()
        );
        if (await insert.ExecuteNonQueryAsync(ct) != 1)
            return;
        // The delay counts from the burst's oldest request: after a drain that waited for batches in flight, the last
        // of them finds its burst already old enough and the drain starts at once.
        var oldest = await Sql.ScalarAsync<DateTime?>(
            connection,
            "SELECT min(requested_at) FROM financematch.profile_rebuild_requests",
            ct
        );
        var waited = oldest is { } since ? clock.GetUtcNow() - new DateTimeOffset(since, TimeSpan.Zero) : TimeSpan.Zero;
        var delay = TimeSpan.FromSeconds(options.Value.RebuildDelaySeconds) - waited;
        if (delay > TimeSpan.Zero)
            jobs.Schedule<DrainProfileRebuilds.Job>(job => job.Run(CancellationToken.None), delay);
        else
            jobs.Enqueue<DrainProfileRebuilds.Job>(job => job.Run(CancellationToken.None));
    }
}

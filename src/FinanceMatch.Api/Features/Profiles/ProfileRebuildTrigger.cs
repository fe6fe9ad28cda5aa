using FinanceMatch.Api.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// The seam from feeds: a committed batch asks for a rebuild; only the first ask of a burst schedules the drain job.
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
        if (await insert.ExecuteNonQueryAsync(ct) == 1)
            jobs.Schedule<DrainProfileRebuilds.Job>(
                job => job.Run(CancellationToken.None),
                TimeSpan.FromSeconds(options.Value.RebuildDelaySeconds)
            );
    }
}

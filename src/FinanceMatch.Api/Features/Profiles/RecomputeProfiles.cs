using FinanceMatch.Client.Contracts;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinanceMatch.Api.Features.Profiles;

public static class RecomputeProfiles
{
    internal static Accepted<RecomputeDto> Endpoint(IBackgroundJobClient jobs) =>
        TypedResults.Accepted(
            (string?)null,
            new RecomputeDto(jobs.Enqueue<RebuildAllProfiles.Job>(job => job.Run(CancellationToken.None)))
        );
}

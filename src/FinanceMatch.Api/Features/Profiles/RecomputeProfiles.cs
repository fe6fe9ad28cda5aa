using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Profiles;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Profiles;

public static class RecomputeProfiles
{
    internal static Accepted<RecomputeDto> Endpoint(IBackgroundJobClient jobs) =>
        TypedResults.Accepted(
            (string?)null,
            new RecomputeDto(jobs.Enqueue<RebuildAllProfiles.Job>(job => job.Run(CancellationToken.None)))
        );
}

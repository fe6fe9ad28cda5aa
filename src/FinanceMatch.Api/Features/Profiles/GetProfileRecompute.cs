using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainRebuildRunKind = FinanceMatch.Core.Profiles.RebuildRunKind;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>A recompute and its progress, and the latest of them (operators).</summary>
public static class GetProfileRecompute
{
    internal static async Task<ProfileRecomputeDto> Endpoint(Guid id, FinanceMatchDbContext db, CancellationToken ct) =>
        (
            await db
                .ProfileRebuildRuns.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Id == id && r.Kind == DomainRebuildRunKind.Recompute, ct)
            ?? throw new NotFoundException("No recompute has this id.")
        ).ToRecomputeDto();

    internal static async Task<List<ProfileRecomputeDto>> ListEndpoint(
        FinanceMatchDbContext db,
        CancellationToken ct
    ) =>
        (
            await db
                .ProfileRebuildRuns.AsNoTracking()
                .Where(r => r.Kind == DomainRebuildRunKind.Recompute)
                .OrderByDescending(r => r.RequestedAt)
                .Take(100)
                .ToListAsync(ct)
        )
            .Select(r => r.ToRecomputeDto())
            .ToList();
}

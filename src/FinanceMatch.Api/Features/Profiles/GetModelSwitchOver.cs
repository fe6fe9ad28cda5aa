using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainRebuildRunKind = FinanceMatch.Core.Profiles.RebuildRunKind;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>A switch-over and its progress, and the list of them (operators).</summary>
public static class GetModelSwitchOver
{
    internal static async Task<ModelSwitchOverDto> Endpoint(Guid id, FinanceMatchDbContext db, CancellationToken ct) =>
        (
            await db
                .ProfileRebuildRuns.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Id == id && r.Kind == DomainRebuildRunKind.SwitchOver, ct)
            ?? throw new NotFoundException("No switch-over has this id.")
        ).ToSwitchOverDto();

    internal static async Task<List<ModelSwitchOverDto>> ListEndpoint(FinanceMatchDbContext db, CancellationToken ct) =>
        (
            await db
                .ProfileRebuildRuns.AsNoTracking()
                .Where(r => r.Kind == DomainRebuildRunKind.SwitchOver)
                .OrderByDescending(r => r.RequestedAt)
                .Take(100)
                .ToListAsync(ct)
        )
            .Select(r => r.ToSwitchOverDto())
            .ToList();
}

using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>A switch-over and its progress, and the list of them (operators).</summary>
public static class GetModelSwitchOver
{
    internal static async Task<ModelSwitchOverDto> Endpoint(Guid id, FinanceMatchDbContext db, CancellationToken ct) =>
        (
            await db.ModelSwitchOvers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException("No switch-over has this id.")
        ).ToDto();

    internal static async Task<List<ModelSwitchOverDto>> ListEndpoint(FinanceMatchDbContext db, CancellationToken ct) =>
        (await db.ModelSwitchOvers.AsNoTracking().OrderByDescending(s => s.StartedAt).Take(100).ToListAsync(ct))
            .Select(s => s.ToDto())
            .ToList();
}

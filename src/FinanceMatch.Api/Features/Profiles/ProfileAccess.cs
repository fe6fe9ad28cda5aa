using System.Security.Claims;
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

internal static class ProfileAccess
{
    /// <summary>
    /// Reads the firm's profile (or what hangs on it) for the firm itself or an operator; an operator's read is appended to
    /// the firm's access chain in the same transaction, like a bank's report read.
    /// </summary>
    public static async Task<T> ReadAsync<T>(FinanceMatchDbContext db, TimeProvider clock, Guid enterpriseId, ClaimsPrincipal caller,
        Func<CreditProfile, Task<T>> read, CancellationToken ct)
    {
        if (!caller.Is(Role.Operator)) return await read(await VisibleProfileAsync(db, enterpriseId, caller, ct));
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        var result = await read(await VisibleProfileAsync(db, enterpriseId, caller, ct));
        var now = clock.GetUtcNow();
        await Consents.ReportAccessLog.AppendAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), new Core.Consents.ReportAccess
        {
            Id = Guid.CreateVersion7(now), EnterpriseId = enterpriseId, AccessedAt = now, ActorRole = Core.Consents.AccessActor.Operator,
            OperatorClientId = caller.ClientIdOf(), Scopes = [Core.Consents.ConsentScope.Profile],
        }, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>The firm itself and operators; anyone else is told it does not exist.</summary>
    public static async Task<CreditProfile> VisibleProfileAsync(FinanceMatchDbContext db, Guid enterpriseId, ClaimsPrincipal caller, CancellationToken ct)
    {
        var visible = caller.Is(Role.Operator) || caller.IsParty(Role.Enterprise, enterpriseId);
        var profile = visible ? await db.CreditProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.EnterpriseId == enterpriseId, ct) : null;
        return profile ?? throw new NotFoundException("No profile for this enterprise id.");
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainWebhook = FinanceMatch.Core.Webhooks.Webhook;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>A bank's webhooks are its own alone.</summary>
internal static class WebhookAccess
{
    /// <summary>A bank's own webhook; another bank's does not exist for it.</summary>
    public static async Task<DomainWebhook> OwnAsync(
        this FinanceMatchDbContext db,
        Caller caller,
        Guid id,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id && w.InstitutionId == institutionId, ct)
            ?? throw new NotFoundException("No webhook of this bank has this id.");
    }

    /// <summary>
    /// A bank's own webhook, tracked and locked (<c>FOR UPDATE</c>) in the caller's transaction until it ends: a delete
    /// or another rotation waits for it, so a delivery is never added to a webhook deleted meanwhile (its deliveries go
    /// with it) and no rotation's secret is lost to another's.
    /// </summary>
    public static async Task<DomainWebhook> LockOwnAsync(
        this FinanceMatchDbContext db,
        Caller caller,
        Guid id,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db
                .Webhooks.FromSql(
                    $"SELECT * FROM financematch.webhooks WHERE id = {id} AND institution_id = {institutionId} FOR UPDATE"
                )
                .SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("No webhook of this bank has this id.");
    }
}

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
}

using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Encrypts, at start-up, webhook secrets and feed-source API keys stored before they were encrypted. Each row is
/// rewritten only if it still holds the plain value read, so processes starting together cannot encrypt one twice.
/// </summary>
public static class ProtectLegacySecrets
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<SecretProtector>();
        var webhooks = await db
            .Webhooks.AsNoTracking()
            .Where(w => !w.ProtectedSecret.StartsWith("dp1:"))
            .Select(w => new { w.Id, w.ProtectedSecret })
            .ToListAsync(ct);
        foreach (var w in webhooks)
        {
            var protectedSecret = protector.Protect(SecretPurpose.WebhookSecret, w.ProtectedSecret);
            await db
                .Webhooks.Where(x => x.Id == w.Id && x.ProtectedSecret == w.ProtectedSecret)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ProtectedSecret, protectedSecret), ct);
        }
        var sources = await db
            .FeedSources.AsNoTracking()
            .Where(f => f.ProtectedApiKey != null && !f.ProtectedApiKey.StartsWith("dp1:"))
            .Select(f => new { f.Id, f.ProtectedApiKey })
            .ToListAsync(ct);
        foreach (var f in sources)
        {
            var protectedKey = protector.Protect(SecretPurpose.FeedSourceApiKey, f.ProtectedApiKey!);
            await db
                .FeedSources.Where(x => x.Id == f.Id && x.ProtectedApiKey == f.ProtectedApiKey)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ProtectedApiKey, protectedKey), ct);
        }
    }
}

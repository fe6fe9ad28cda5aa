using System.Security.Cryptography;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Supplies the token signing key: from <c>Auth:SigningKey</c> when configured, otherwise one random key stored in the
/// database, created by whichever process starts first, so any API process validates tokens issued by any other.
/// </summary>
public sealed class SigningKeyProvider(IServiceScopeFactory scopes, IOptions<AuthOptions> options, TimeProvider clock)
{
    private volatile SymmetricSecurityKey? key;

    public SymmetricSecurityKey Key => key ?? throw new InvalidOperationException("The signing key has not been loaded; call LoadAsync at start-up.");

    public async Task LoadAsync(CancellationToken ct)
    {
        if (options.Value.SigningKey is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes, base64-encoded.");
            key = new SymmetricSecurityKey(bytes);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>();
        // Racing processes both insert; the primary key lets exactly one win and both read the winner.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO financematch.signing_keys (id, key, created_at) VALUES (1, {RandomNumberGenerator.GetBytes(64)}, {clock.GetUtcNow()}) ON CONFLICT (id) DO NOTHING", ct);
        var stored = await db.SigningKeys.AsNoTracking().SingleAsync(k => k.Id == 1, ct);
        key = new SymmetricSecurityKey(stored.Key);
    }
}

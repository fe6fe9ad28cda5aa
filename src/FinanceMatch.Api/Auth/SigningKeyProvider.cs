using System.Security.Cryptography;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Supplies the token signing keys. With <c>Auth:SigningKey</c> configured, that one key (kid <c>configured</c>).
/// Otherwise the keys live in <c>token_signing_keys</c>, encrypted with Data Protection: the newest signs, and a key
/// replaced by <see cref="RotateAsync"/> keeps validating for one token lifetime, so tokens it signed run out normally.
/// Every process reloads the keys when another announces a change (NOTIFY), when a token names a kid it does not know
/// (at most once a second), and every five minutes.
/// </summary>
public sealed partial class SigningKeyProvider(
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> options,
    SecretProtector protector,
    TimeProvider clock,
    ILogger<SigningKeyProvider> logger
)
{
    public const string ConfiguredKid = "configured";
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);
    private volatile KeyRing? ring;
    private long lastReloadRequest;

    private sealed record KeyRing(
        SymmetricSecurityKey Current,
        IReadOnlyList<SecurityKey> Valid,
        DateTimeOffset LoadedAt
    );

    public bool IsConfigured => options.Value.SigningKey is { Length: > 0 };

    /// <summary>The key new tokens are signed with.</summary>
    public SymmetricSecurityKey Current => Ring.Current;

    /// <summary>The keys a token may be signed with: the one its kid names, else all that are valid.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid)
    {
        var keys = Ring;
        if (clock.GetUtcNow() - keys.LoadedAt > RefreshEvery)
            RequestReload();
        var named = keys.Valid.Where(k => k.KeyId == kid).ToList();
        if (named.Count > 0)
            return named;
        if (kid is not null)
            RequestReload();
        return keys.Valid;
    }

    public Task LoadAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct)
    {
        if (IsConfigured)
        {
            var bytes = Convert.FromBase64String(options.Value.SigningKey!);
            if (bytes.Length < 32)
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes, base64-encoded.");
            var key = new SymmetricSecurityKey(bytes) { KeyId = ConfiguredKid };
            ring = new KeyRing(key, [key], DateTimeOffset.MaxValue);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>();
        var now = clock.GetUtcNow();
        var stored = await ValidKeys(db, now).ToListAsync(ct);
        if (stored.Count == 0)
        {
            await CreateKeyAsync(db, replaceCurrent: false, ct);
            stored = await ValidKeys(db, now).ToListAsync(ct);
        }
        var keys = stored
            .Select(k => new SymmetricSecurityKey(
                Convert.FromBase64String(protector.Unprotect(SecretPurpose.TokenSigningKey, k.ProtectedKey))
            )
            {
                KeyId = k.Kid,
            })
            .ToList();
        ring = new KeyRing(keys[0], keys, now);
    }

    /// <summary>Asks for a reload in the background (a token named an unknown kid, or another process rotated).</summary>
    public void RequestReload()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastReloadRequest);
        if (now - last < 1000 || Interlocked.CompareExchange(ref lastReloadRequest, now, last) != last)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await ReloadAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                LogReloadFailed(logger, e.GetBaseException().Message);
            }
        });
    }

    /// <summary>
    /// Makes a new signing key the current one in the caller's transaction; the previous one validates for one more token
    /// lifetime. The caller reloads after committing (other processes hear of it through NOTIFY).
    /// </summary>
    public Task<SigningKey> RotateAsync(FinanceMatchDbContext db, CancellationToken ct) =>
        IsConfigured
            ? throw new Core.Common.ConflictException(
                "The signing key comes from Auth__SigningKey; rotate it by changing that setting."
            )
            : CreateKeyAsync(db, replaceCurrent: true, ct);

    private IQueryable<SigningKey> ValidKeys(FinanceMatchDbContext db, DateTimeOffset now)
    {
        var oldestRetirement = now - Overlap;
        return db
            .SigningKeys.AsNoTracking()
            .Where(k => k.RetiredAt == null || k.RetiredAt > oldestRetirement)
            .OrderBy(k => k.RetiredAt != null)
            .ThenByDescending(k => k.CreatedAt);
    }

    private TimeSpan Overlap => TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes + 1);

    private async Task<SigningKey> CreateKeyAsync(FinanceMatchDbContext db, bool replaceCurrent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(ct)
            : null;
        // Processes starting together each find no key; the lock lets exactly one create it.
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_advisory_xact_lock(hashtext('financematch.token_signing_keys'))",
            ct
        );
        var current = await db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync(ct);
        if (current.Count > 0 && !replaceCurrent)
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
            return current[0];
        }
        foreach (var old in current)
            old.RetiredAt = now;
        await db
            .SigningKeys.Where(k => k.RetiredAt != null && k.RetiredAt < now - Overlap - TimeSpan.FromDays(1))
            .ExecuteDeleteAsync(ct);
        var key = new SigningKey
        {
            Kid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            ProtectedKey = protector.Protect(
                SecretPurpose.TokenSigningKey,
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))
            ),
            CreatedAt = now,
        };
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(ct);
            await ownTransaction.DisposeAsync();
        }
        return key;
    }

    private KeyRing Ring =>
        ring
        ?? throw new InvalidOperationException("The signing keys have not been loaded; call LoadAsync at start-up.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the token signing keys: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}

using System.Collections.Concurrent;
using FinanceMatch.Core.Enterprises;
using FinanceMatch.Core.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Auth;

/// <summary>What a token's credential is now: the version tokens must carry, whether it may sign in, and for a firm its verification.</summary>
public sealed record CredentialState(
    int Version,
    bool Enabled,
    Role Role,
    Guid SubjectId,
    EnterpriseVerification? Verification
);

/// <summary>
/// Answers, for every authenticated request, whether its token's credential still stands. Entries are cached for
/// <c>Auth:CredentialCacheSeconds</c>, and only while <see cref="PlatformNotifications"/> is listening: every change of a
/// credential's version or state, or of a firm's verification, is announced by a trigger through PostgreSQL
/// NOTIFY and drops the entry in every process. A change made here drops it at once too. A load that overlaps a
/// change is not cached (the generation check), so a stale answer can never outlive the change that made it stale.
/// </summary>
public sealed class CredentialStates(NpgsqlDataSource dataSource, IOptions<AuthOptions> options)
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<Guid, (CredentialState? State, long ExpiresAt)> entries = new();
    private long generation;
    private volatile bool listening;

    public async ValueTask<CredentialState?> GetAsync(Guid credentialId, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (listening && entries.TryGetValue(credentialId, out var entry) && entry.ExpiresAt > now)
            return entry.State;
        var before = Interlocked.Read(ref generation);
        var state = await LoadAsync(credentialId, ct);
        if (listening && before == Interlocked.Read(ref generation))
        {
            if (entries.Count >= MaxEntries)
                entries.Clear();
            entries[credentialId] = (state, now + options.Value.CredentialCacheSeconds * 1000L);
        }
        return state;
    }

    public void Forget(Guid credentialId)
    {
        Interlocked.Increment(ref generation);
        entries.TryRemove(credentialId, out _);
    }

    public void ForgetSubject(Guid subjectId)
    {
        Interlocked.Increment(ref generation);
        foreach (var (id, entry) in entries)
            if (entry.State?.SubjectId == subjectId)
                entries.TryRemove(id, out _);
    }

    /// <summary>Caching is on only while changes can be heard; losing the listener forgets everything.</summary>
    internal void SetListening(bool value)
    {
        listening = value;
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    private async Task<CredentialState?> LoadAsync(Guid credentialId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT c.version, c.disabled_at IS NULL, c.role, c.subject_id, e.verification
            FROM financematch.credentials c
            LEFT JOIN financematch.enterprises e ON c.role = 'Enterprise' AND e.id = c.subject_id
            WHERE c.id = $1
            """
        );
        command.Parameters.Add(new() { Value = credentialId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new CredentialState(
            reader.GetInt32(0),
            reader.GetBoolean(1),
            Enum.Parse<Role>(reader.GetString(2)),
            reader.GetGuid(3),
            reader.IsDBNull(4) ? null : Enum.Parse<EnterpriseVerification>(reader.GetString(4))
        );
    }
}

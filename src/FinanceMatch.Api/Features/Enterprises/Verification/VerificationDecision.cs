using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Enterprises;
using FinanceMatch.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Enterprises.Verification;

/// <summary>
/// Decides a registration. Every decision and every registration of a USCC takes that USCC's transaction lock first, so
/// claims of one firm are decided one at a time: the first verified wins, the other pending claims are rejected in the
/// same transaction, and a claimant that lost the race finds its registration rejected (409). The unique index on
/// verified USCCs is the last guard. Verifying builds the firm's profile at once from the data already received.
/// </summary>
public sealed class VerificationDecision(
    FinanceMatchDbContext db,
    Profiles.ProfileBuilder profiles,
    CredentialStates credentialStates,
    TimeProvider clock
)
{
    public const string PlatformActor = "financematch";

    /// <summary>Serialises everything that decides who holds <paramref name="uscc"/>, until the current transaction ends.</summary>
    public static Task LockUsccAsync(FinanceMatchDbContext db, string uscc, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtext('financematch.uscc'), hashtext({uscc}))",
            ct
        );

    public async Task<Enterprise> VerifyAsync(
        Guid enterpriseId,
        VerificationMethod method,
        VerificationProof proof,
        string actorClientId,
        CancellationToken ct
    )
    {
        var rejected = new List<Guid>();
        var firm = await DecideAsync(
            enterpriseId,
            async (firm, now) =>
            {
                if (proof.OneTimeId is { } jti)
                {
                    if (await db.UsedLicenceAssertions.AnyAsync(a => a.Jti == jti, ct))
                        throw BusinessLicenceVerification.Refused("The assertion was already used (jti).");
                    db.UsedLicenceAssertions.Add(
                        new UsedLicenceAssertion
                        {
                            Jti = jti,
                            EnterpriseId = firm.Id,
                            UsedAt = now,
                        }
                    );
                }
                firm.Verify(method, proof.DecidedBy, proof.Note, now);
                db.SecurityEvents.Add(
                    SecurityEvent.Of(
                        SecurityEventKind.EnterpriseVerified,
                        null,
                        firm.Id,
                        actorClientId,
                        $"USCC {firm.Uscc} verified ({method}).",
                        now
                    )
                );
                var rivals = await db
                    .Enterprises.Where(e =>
                        e.Uscc == firm.Uscc && e.Id != firm.Id && e.Verification == EnterpriseVerification.Pending
                    )
                    .ToListAsync(ct);
                foreach (var rival in rivals)
                {
                    rival.Reject(PlatformActor, "Another registration of this USCC was verified first.", now);
                    db.SecurityEvents.Add(
                        SecurityEvent.Of(
                            SecurityEventKind.EnterpriseRejected,
                            null,
                            rival.Id,
                            PlatformActor,
                            $"USCC {rival.Uscc}: another registration ({firm.Id}) was verified first.",
                            now
                        )
                    );
                    rejected.Add(rival.Id);
                }
                await db.SaveChangesAsync(ct);
                await profiles.RebuildAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), [firm.Uscc], ct);
            },
            ct
        );
        foreach (var id in rejected)
            credentialStates.ForgetSubject(id);
        return firm;
    }

    public Task<Enterprise> RejectAsync(Guid enterpriseId, string actorClientId, string note, CancellationToken ct) =>
        DecideAsync(
            enterpriseId,
            async (firm, now) =>
            {
                firm.Reject(actorClientId, note, now);
                db.SecurityEvents.Add(
                    SecurityEvent.Of(SecurityEventKind.EnterpriseRejected, null, firm.Id, actorClientId, note, now)
                );
                await db.SaveChangesAsync(ct);
            },
            ct
        );

    private async Task<Enterprise> DecideAsync(
        Guid enterpriseId,
        Func<Enterprise, DateTimeOffset, Task> decide,
        CancellationToken ct
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var uscc =
            await db.Enterprises.Where(e => e.Id == enterpriseId).Select(e => e.Uscc).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("No enterprise has this id.");
        await LockUsccAsync(db, uscc, ct);
        // Read after the lock: a rival's decision that committed meanwhile is seen.
        var firm = await db.Enterprises.SingleAsync(e => e.Id == enterpriseId, ct);
        var now = clock.GetUtcNow();
        if (
            firm.Verification == EnterpriseVerification.Pending
            && await db.Enterprises.AnyAsync(
                e => e.Uscc == firm.Uscc && e.Id != firm.Id && e.Verification == EnterpriseVerification.Verified,
                ct
            )
        )
        {
            // Registered while the winner was being verified: it could not be seen then, so it is rejected now.
            firm.Reject(PlatformActor, "Another registration of this USCC was verified first.", now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            credentialStates.ForgetSubject(firm.Id);
            throw new ConflictException("Another registration of this USCC was verified first; this one is rejected.");
        }
        await decide(firm, now);
        await transaction.CommitAsync(ct);
        credentialStates.ForgetSubject(firm.Id);
        return firm;
    }
}

using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Profiles;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Profiles;

internal static class ProfileAccess
{
    /// <summary>
    /// Reads the firm's profile (or what hangs on it) for the firm itself or an operator; an operator's read is appended to
    /// the firm's access chain in the same transaction, like a bank's report read.
    /// </summary>
    public static async Task<T> ReadAsync<T>(
        FinanceMatchDbContext db,
        TimeProvider clock,
        Guid enterpriseId,
        Caller caller,
        Func<CreditProfile, Task<T>> read,
        CancellationToken ct
    )
    {
        if (!caller.Is(DomainRole.Operator))
            return await read(await VisibleProfileAsync(db, enterpriseId, caller, ct));
        await using var transaction = await db.Database.BeginTransactionAsync(
            System.Data.IsolationLevel.ReadCommitted,
            ct
        );
        var result = await read(await VisibleProfileAsync(db, enterpriseId, caller, ct));
        var now = clock.GetUtcNow();
        await Consents.ReportAccessLog.AppendAsync(
            (Npgsql.NpgsqlConnection)db.Database.GetDbConnection(),
            new Core.Consents.ReportAccess
            {
                Id = Guid.CreateVersion7(now),
                EnterpriseId = enterpriseId,
                AccessedAt = now,
                ActorRole = Core.Consents.AccessActor.Operator,
                OperatorClientId = caller.RequiredClientId,
                Scopes = [Core.Consents.ConsentScope.Profile],
            },
            ct
        );
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>The firm itself and operators; anyone else is told it does not exist.</summary>
    public static async Task<CreditProfile> VisibleProfileAsync(
        FinanceMatchDbContext db,
        Guid enterpriseId,
        Caller caller,
        CancellationToken ct
    )
    {
        var visible = caller.Is(DomainRole.Operator) || caller.IsParty(DomainRole.Enterprise, enterpriseId);
        var profile = visible
            ? await db.CreditProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.EnterpriseId == enterpriseId, ct)
            : null;
        return profile ?? throw new NotFoundException("No profile for this enterprise id.");
    }

    /// <summary>The feeds of which the firm disputes a record now (an open objection).</summary>
    public static async Task<IReadOnlySet<Core.Feeds.FeedType>> DisputedFeedsAsync(
        FinanceMatchDbContext db,
        Guid enterpriseId,
        CancellationToken ct
    ) =>
        (
            await db
                .Objections.AsNoTracking()
                .Where(o => o.EnterpriseId == enterpriseId && o.Status == Core.Objections.ObjectionStatus.Open)
                .Select(o => o.FeedType)
                .Distinct()
                .ToListAsync(ct)
        ).ToHashSet();

    /// <summary>The profile, each factor computed from a feed in <paramref name="disputed"/> marked as disputed.</summary>
    public static ProfileDto ToDto(CreditProfile p, IReadOnlySet<Core.Feeds.FeedType> disputed) =>
        new(
            p.EnterpriseId,
            p.Uscc,
            p.Rated,
            p.Score,
            p.Grade,
            p.ModelVersion,
            p.ComputedAt,
            new DataCoverageDto(p.TaxMonths, p.SocialSecurityMonths, p.UtilityMonths),
            JsonSerializer.Deserialize<List<ProfileDimensionDto>>(p.Dimensions, FinanceMatchJson.Options)!,
            JsonSerializer
                .Deserialize<List<ProfileFactorDto>>(p.Factors, FinanceMatchJson.Options)!
                .Select(f =>
                    f with
                    {
                        Disputed = FactorSources.SourceOf(f.Code) is { } feed && disputed.Contains(feed),
                    }
                )
                .ToList(),
            new ProfileFlagsDto(
                p.DishonestDebtor,
                p.SeriousPenaltyLast36Months,
                p.TaxArrears,
                p.SocialSecurityArrears,
                p.UtilityOverdue,
                p.RegistrationAbnormal,
                p.OpenSeizure
            ),
            JsonSerializer.Deserialize<ProfileMetricsDto>(p.Metrics, FinanceMatchJson.Options)!,
            p.Caps
        );
}

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

public static class GetProfile
{
    public sealed record Query(Guid EnterpriseId, ClaimsPrincipal Caller) : IRequest<ProfileDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, ProfileDto>
    {
        public ValueTask<ProfileDto> Handle(Query query, CancellationToken cancellationToken) =>
            new(ProfileAccess.ReadAsync(db, clock, query.EnterpriseId, query.Caller,
                async profile => ToDto(profile, await DisputedFeedsAsync(db, query.EnterpriseId, cancellationToken)), cancellationToken));
    }

    /// <summary>The feeds of which the firm disputes a record now (an open objection).</summary>
    public static async Task<IReadOnlySet<Core.Feeds.FeedType>> DisputedFeedsAsync(FinanceMatchDbContext db, Guid enterpriseId, CancellationToken ct) =>
        (await db.Objections.AsNoTracking().Where(o => o.EnterpriseId == enterpriseId && o.Status == Core.Objections.ObjectionStatus.Open)
            .Select(o => o.FeedType).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>The profile, each factor computed from a feed in <paramref name="disputed"/> marked as disputed.</summary>
    public static ProfileDto ToDto(CreditProfile p, IReadOnlySet<Core.Feeds.FeedType> disputed) =>
        new(p.EnterpriseId, p.Uscc, p.Rated, p.Score, p.Grade, p.ModelVersion, p.ComputedAt,
            new DataCoverageDto(p.TaxMonths, p.SocialSecurityMonths, p.UtilityMonths),
            JsonSerializer.Deserialize<List<ProfileDimensionDto>>(p.Dimensions, FinanceMatchJson.Options)!,
            JsonSerializer.Deserialize<List<ProfileFactorDto>>(p.Factors, FinanceMatchJson.Options)!
                .Select(f => f with { Disputed = FactorSources.SourceOf(f.Code) is { } feed && disputed.Contains(feed) }).ToList(),
            new ProfileFlagsDto(p.DishonestDebtor, p.SeriousPenaltyLast36Months, p.TaxArrears, p.SocialSecurityArrears, p.UtilityOverdue),
            JsonSerializer.Deserialize<ProfileMetricsDto>(p.Metrics, FinanceMatchJson.Options)!);

    internal static async Task<ProfileDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

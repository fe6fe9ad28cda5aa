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

public static class GetScoringModel
{
    internal static ScoringModelDto Endpoint(ProfileBuilder builder) => ToDto(builder.Model);

    public static ScoringModelDto ToDto(ScoringModel model) =>
        new(model.Version, model.Grades.Select(g => new GradeBandDto(g.Grade, g.MinScore)).ToList(),
            model.Dimensions.Select(d => new DimensionDto(d.Code, d.Description, d.Weight,
                d.Factors.Select(f => new FactorDto(f.Code, f.Description, f.Weight, JsonNamingPolicy.CamelCase.ConvertName(f.Direction.ToString()),
                    f.Thresholds, f.BandScores)).ToList())).ToList());
}

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

public static class GetProfileHistory
{
    public sealed record Query(Guid EnterpriseId, ClaimsPrincipal Caller) : IRequest<IReadOnlyList<ProfileSnapshotDto>>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, IReadOnlyList<ProfileSnapshotDto>>
    {
        public ValueTask<IReadOnlyList<ProfileSnapshotDto>> Handle(Query query, CancellationToken cancellationToken) =>
            new(ProfileAccess.ReadAsync(db, clock, query.EnterpriseId, query.Caller, async profile =>
                (IReadOnlyList<ProfileSnapshotDto>)await db.CreditProfileHistory.AsNoTracking().Where(s => s.Uscc == profile.Uscc)
                    .OrderByDescending(s => s.ComputedAt).Take(500)
                    .Select(s => new ProfileSnapshotDto(s.ComputedAt, s.Score, s.Grade, s.ModelVersion)).ToListAsync(cancellationToken),
                cancellationToken));
    }

    internal static async Task<IReadOnlyList<ProfileSnapshotDto>> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

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

public static class RecomputeProfiles
{
    internal static Accepted<RecomputeDto> Endpoint(IBackgroundJobClient jobs) =>
        TypedResults.Accepted((string?)null, new RecomputeDto(jobs.Enqueue<RebuildAllProfiles.Job>(job => job.Run(CancellationToken.None))));
}

public static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Credit profiles");
        api.MapGet("/scoring-model", GetScoringModel.Endpoint)
            .AllowAnonymous()
            .WithSummary("The scoring model in force: grade bands, dimensions, factors, weights and bands (public)");
        api.MapGet("/enterprises/{id:guid}/profile", GetProfile.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's credit profile with the factors that explain it (the firm itself, operators)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/enterprises/{id:guid}/profile/history", GetProfileHistory.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's past scores and grades, newest first")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/profiles/recompute", RecomputeProfiles.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Rebuild every profile now (operators)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Domain = FinanceMatch.Core.LoanRequests;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.LoanRequests;

internal static class LoanRequestMapping
{
    /// <summary>The request with its matches, whole (for the firm and operators) or as a bank may see them.</summary>
    public static LoanRequestDto ToDto(this Domain.LoanRequest r, IEnumerable<Core.Matching.Match> matches, bool forBank = false) =>
        new(r.Id, r.EnterpriseId, r.Amount, r.TermMonths, r.Purpose, r.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(),
            r.MaxAnnualRate, r.Status.Map<LoanRequestStatus>(), r.ConsentId, r.CreatedAt, r.MatchedAt,
            matches.OrderBy(m => m.Rank).Select(m => forBank ? m.ToBankDto() : m.ToDto()).ToList());

    /// <summary>
    /// A request as its caller may see it: the firm and operators see it whole; a bank matched to it sees it with its own
    /// match only; anyone else is told it does not exist.
    /// </summary>
    public static async Task<LoanRequestDto> VisibleAsync(FinanceMatchDbContext db, Guid requestId, ClaimsPrincipal caller, CancellationToken ct)
    {
        var request = await db.LoanRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
        var matches = request is null ? [] : await db.Matches.AsNoTracking().Where(m => m.LoanRequestId == requestId).VisibleTo(caller).ToListAsync(ct);
        var visible = request is not null
            && (caller.Is(Role.Operator) || caller.IsParty(Role.Enterprise, request.EnterpriseId) || (caller.Is(Role.Bank) && matches.Count > 0));
        return visible ? request!.ToDto(matches, forBank: caller.Is(Role.Bank)) : throw new NotFoundException("No loan request has this id.");
    }

    /// <summary>The firm's own request, tracked for a change; anyone else's is not found.</summary>
    public static async Task<Domain.LoanRequest> FindOwnAsync(FinanceMatchDbContext db, Guid enterpriseId, Guid requestId, CancellationToken ct) =>
        await db.LoanRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.EnterpriseId == enterpriseId, ct)
        ?? throw new NotFoundException("This enterprise has no loan request with this id.");

    /// <summary>A request the caller may study in full (the firm itself, operators).</summary>
    public static async Task<Domain.LoanRequest> FindForFirmOrOperatorAsync(FinanceMatchDbContext db, ClaimsPrincipal caller, Guid requestId,
        CancellationToken ct)
    {
        var request = await db.LoanRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || !(caller.Is(Role.Operator) || caller.IsParty(Role.Enterprise, request.EnterpriseId)))
            throw new NotFoundException("No loan request has this id.");
        return request;
    }
}

public static class GetLoanRequest
{
    public sealed record Query(Guid LoanRequestId, ClaimsPrincipal Caller) : IRequest<LoanRequestDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, LoanRequestDto>
    {
        public async ValueTask<LoanRequestDto> Handle(Query query, CancellationToken cancellationToken) =>
            await LoanRequestMapping.VisibleAsync(db, query.LoanRequestId, query.Caller, cancellationToken);
    }

    internal static async Task<LoanRequestDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

public static class ListLoanRequests
{
    public sealed record Query(ClaimsPrincipal Caller, Domain.LoanRequestStatus? Status, int Page, int PageSize)
        : IRequest<Paged<LoanRequestDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<LoanRequestDto>>
    {
        public async ValueTask<Paged<LoanRequestDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var requests = db.LoanRequests.AsNoTracking();
            if (!query.Caller.Is(Role.Operator))
            {
                var enterpriseId = query.Caller.SubjectId();
                requests = requests.Where(r => r.EnterpriseId == enterpriseId);
            }
            if (query.Status is { } status) requests = requests.Where(r => r.Status == status);
            var page = await requests.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).ToPageAsync(db, query, r => r, cancellationToken);
            var ids = page.Items.Select(r => r.Id).ToList();
            var matches = (await db.Matches.AsNoTracking().Where(m => ids.Contains(m.LoanRequestId)).ToListAsync(cancellationToken))
                .ToLookup(m => m.LoanRequestId);
            return new Paged<LoanRequestDto>(page.Items.Select(r => r.ToDto(matches[r.Id])).ToList(), page.Page, page.PageSize, page.TotalCount);
        }
    }

    internal static async Task<Paged<LoanRequestDto>> Endpoint(ClaimsPrincipal user, ISender sender, CancellationToken ct, string? status = null,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, EnumText.ParseOptional<Domain.LoanRequestStatus>(status, "status"), page, pageSize), ct);
}

/// <summary>
/// Published products the firm failed by one or two rules, against its current profile: each failed rule with what the
/// product requires and what the firm has, so the firm knows what would qualify it. Fewest failures first, then best fit.
/// </summary>
public static class GetNearMisses
{
    public const int MaxFailedRules = 2;

    public sealed record Query(Guid LoanRequestId, ClaimsPrincipal Caller, int Page, int PageSize) : IRequest<Paged<NearMissDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, MatchingEngine engine) : IRequestHandler<Query, Paged<NearMissDto>>
    {
        public async ValueTask<Paged<NearMissDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await LoanRequestMapping.FindForFirmOrOperatorAsync(db, query.Caller, query.LoanRequestId, cancellationToken);
            var applicant = await engine.ApplicantAsync(request.EnterpriseId, cancellationToken);
            var misses = (await engine.NearMissesAsync(MatchingEngine.AskOf(request), applicant, MaxFailedRules, cancellationToken))
                .OrderBy(e => e.Failed.Count).ThenByDescending(e => e.Fit.Total).ThenBy(e => e.Product.MinAnnualRate).ThenBy(e => e.Product.Id)
                .ToList();
            var items = misses.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(e => new NearMissDto(e.Product.Id, e.Product.Version, e.Product.InstitutionId, e.Product.Name,
                    e.Failed.Select(f => f.ToDto()).ToList()))
                .ToList();
            return new Paged<NearMissDto>(items, query.Page, query.PageSize, misses.Count);
        }
    }

    internal static async Task<Paged<NearMissDto>> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(id, user, page, pageSize), ct);
}

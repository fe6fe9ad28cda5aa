using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.LoanRequests;

/// <summary>
/// Published products the firm failed by one or two rules, against its current profile: each failed rule with what the
/// product requires and what the firm has, so the firm knows what would qualify it. Fewest failures first, then best fit.
/// </summary>
public static class GetNearMisses
{
    public const int MaxFailedRules = 2;

    public sealed record Query(Guid LoanRequestId, Caller Caller, int Page, int PageSize)
        : IRequest<Paged<NearMissDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, MatchingEngine engine)
        : IRequestHandler<Query, Paged<NearMissDto>>
    {
        public async ValueTask<Paged<NearMissDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await LoanRequestAccess.FindForFirmOrOperatorAsync(
                db,
                query.Caller,
                query.LoanRequestId,
                cancellationToken
            );
            var applicant = await engine.ApplicantAsync(request.EnterpriseId, cancellationToken);
            var misses = (
                await engine.NearMissesAsync(
                    MatchingEngine.AskOf(request),
                    applicant,
                    MaxFailedRules,
                    cancellationToken
                )
            )
                .OrderBy(e => e.Failed.Count)
                .ThenByDescending(e => e.Fit.Total)
                .ThenBy(e => e.Product.MinAnnualRate)
                .ThenBy(e => e.Product.Id)
                .ToList();
            var items = misses
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .Select(e => new NearMissDto(
                    e.Product.Id,
                    e.Product.Version,
                    e.Product.InstitutionId,
                    e.Product.Name,
                    e.Failed.Select(f => f.ToDto()).ToList()
                ))
                .ToList();
            return new Paged<NearMissDto>(items, query.Page, query.PageSize, misses.Count);
        }
    }

    internal static async Task<Paged<NearMissDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(id, caller, page, pageSize), ct);
}

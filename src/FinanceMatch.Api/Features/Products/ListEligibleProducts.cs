using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainGuaranteeType = FinanceMatch.Core.Products.GuaranteeType;
using DomainLoanAsk = FinanceMatch.Core.Matching.LoanAsk;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Products;

/// <summary>
/// "What do I qualify for?" (<c>GET /products?eligibleFor=me</c>, a verified firm's token): the published products whose
/// rules the firm passes now, best fit first, without posting a request. With <c>amount</c>, <c>termMonths</c> and
/// <c>guaranteeType</c> (all three, or none) the loan's own rules and fit count too, exactly as the matching run would
/// apply them; without, the firm's own rules only (division, industry, eligibility) and a fit of price and eligibility
/// margin. One query, the matching engine's own text in its every-product variant.
/// </summary>
public static class ListEligibleProducts
{
    public sealed record Query(
        Caller Caller,
        decimal? Amount,
        int? TermMonths,
        DomainGuaranteeType? GuaranteeType,
        int Page,
        int PageSize
    ) : IRequest<Paged<ProductDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.Amount).GreaterThan(0);
            RuleFor(q => q.TermMonths).InclusiveBetween(1, 360);
            RuleFor(q => q)
                .Must(q =>
                    (q.Amount, q.TermMonths, q.GuaranteeType) is (null, null, null) or (not null, not null, not null)
                )
                .OverridePropertyName("amount")
                .WithMessage(
                    "With eligibleFor=me, give amount, termMonths and guaranteeType together (the loan asked for), or none."
                );
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, MatchingEngine engine)
        : IRequestHandler<Query, Paged<ProductDto>>
    {
        public async ValueTask<Paged<ProductDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!query.Caller.Is(DomainRole.Enterprise))
                throw new ForbiddenException("eligibleFor=me answers a firm, signed in with its own token.");
            var firm = await engine.ApplicantAsync(query.Caller.SubjectId, cancellationToken);
            var asked = query.Amount is { } amount
                ? new DomainLoanAsk(amount, query.TermMonths!.Value, [query.GuaranteeType!.Value], null)
                : null;
            var (page, total) = await engine.EveryEligibleProductAsync(
                firm,
                asked,
                query.Page,
                query.PageSize,
                cancellationToken
            );
            var ids = page.Select(p => p.ProductId).ToArray();
            var products = await db
                .Products.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            return new Paged<ProductDto>(
                [.. page.Select(p => products[p.ProductId].ToDto() with { FitScore = p.Fit })],
                query.Page,
                query.PageSize,
                total
            );
        }
    }
}

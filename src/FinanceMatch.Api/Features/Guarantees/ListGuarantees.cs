using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainGuaranteeStatus = FinanceMatch.Core.Guarantees.GuaranteeStatus;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// Guarantees, newest first: a guarantor's inbox (<c>?status=pending</c>) and book, the guarantees a bank's matches rely
/// on, a firm's own, all of them for operators.
/// </summary>
public static class ListGuarantees
{
    public sealed record Query(Caller Caller, DomainGuaranteeStatus? Status, int Page, int PageSize)
        : IRequest<Paged<GuaranteeDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<GuaranteeDto>>
    {
        public async ValueTask<Paged<GuaranteeDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var guarantees = db.Guarantees.AsNoTracking().VisibleTo(db, query.Caller);
            if (query.Status is { } status)
                guarantees = guarantees.Where(g => g.Status == status);
            return await guarantees
                .OrderByDescending(g => g.CreatedAt)
                .ThenBy(g => g.Id)
                .ToPageAsync(db, query, g => g.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<GuaranteeDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.GuaranteeStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller, EnumText.ParseOptional<DomainGuaranteeStatus>(status, "status"), page, pageSize),
            ct
        );
}

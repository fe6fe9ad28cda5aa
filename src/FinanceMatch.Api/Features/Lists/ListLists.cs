using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainListKind = FinanceMatch.Core.Lists.ListKind;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// The lists the caller may see, newest first, by kind: operators all, a department its own, a bank those shared with
/// it (each saying whether it subscribes).
/// </summary>
public static class ListLists
{
    public sealed record Query(Caller Caller, ListKind? Kind, int Page, int PageSize)
        : IRequest<Paged<ListDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.Kind).IsInEnum();
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, Paged<ListDto>>
    {
        public async ValueTask<Paged<ListDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var caller = query.Caller;
            var lists = db.Lists.AsNoTracking().VisibleTo(db, caller);
            if (query.Kind is { } kind)
            {
                var domainKind = kind.Map<DomainListKind>();
                lists = lists.Where(l => l.Kind == domainKind);
            }
            var subscribed = caller.Is(DomainRole.Bank)
                ? (
                    await db
                        .ListSubscriptions.Where(s => s.InstitutionId == caller.SubjectId)
                        .Select(s => s.ListId)
                        .ToListAsync(cancellationToken)
                ).ToHashSet()
                : null;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return await lists
                .OrderByDescending(l => l.CreatedAt)
                .ThenBy(l => l.Id)
                .ToPageAsync(db, query, l => l.ToDtoFor(caller, today, subscribed?.Contains(l.Id)), cancellationToken);
        }
    }

    internal static async Task<Paged<ListDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.ListKind))] string? kind = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, EnumText.ParseOptional<ListKind>(kind, "kind"), page, pageSize), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Webhooks;

public static class ListWebhookDeliveries
{
    public sealed record Query(Caller Caller, Guid WebhookId, int Page, int PageSize)
        : IRequest<Paged<WebhookDeliveryDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<WebhookDeliveryDto>>
    {
        public async ValueTask<Paged<WebhookDeliveryDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var webhook = await db.OwnAsync(query.Caller, query.WebhookId, cancellationToken);
            var page = await db
                .WebhookDeliveries.AsNoTracking()
                .Where(d => d.WebhookId == webhook.Id)
                .OrderByDescending(d => d.CreatedAt)
                .ThenByDescending(d => d.Id)
                .ToPageAsync(db, query, d => d, cancellationToken);
            var ids = page.Items.Select(d => d.Id).ToList();
            var attempts = (
                await db
                    .WebhookDeliveryAttempts.AsNoTracking()
                    .Where(a => ids.Contains(a.DeliveryId))
                    .OrderBy(a => a.Attempt)
                    .ToListAsync(cancellationToken)
            ).ToLookup(a => a.DeliveryId);
            return new Paged<WebhookDeliveryDto>(
                page.Items.Select(d => d.ToDto(attempts[d.Id])).ToList(),
                page.Page,
                page.PageSize,
                page.TotalCount
            );
        }
    }

    internal static async Task<Paged<WebhookDeliveryDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, id, page, pageSize), ct);
}

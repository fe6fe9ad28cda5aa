using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Webhooks;

public static class ListWebhooks
{
    public sealed record Query(Guid InstitutionId) : IRequest<List<WebhookDto>>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, List<WebhookDto>>
    {
        public async ValueTask<List<WebhookDto>> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db
                    .Webhooks.AsNoTracking()
                    .Where(w => w.InstitutionId == query.InstitutionId)
                    .OrderBy(w => w.CreatedAt)
                    .ToListAsync(cancellationToken)
            )
                .Select(w => w.ToDto())
                .ToList();
    }

    internal static async Task<List<WebhookDto>> Endpoint(Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(caller.SubjectId), ct);
}

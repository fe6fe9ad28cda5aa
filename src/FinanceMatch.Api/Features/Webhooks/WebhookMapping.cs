using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using Domain = FinanceMatch.Core.Webhooks;

namespace FinanceMatch.Api.Features.Webhooks;

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this Domain.Webhook w) =>
        new(w.Id, w.InstitutionId, w.Url, w.Events.Select(e => e.Map<WebhookEvent>()).ToList(), w.CreatedAt);
}

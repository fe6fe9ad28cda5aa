using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainWebhook = FinanceMatch.Core.Webhooks.Webhook;

namespace FinanceMatch.Api.Features.Webhooks;

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this DomainWebhook w) =>
        new(w.Id, w.InstitutionId, w.Url, w.Events.Select(e => e.Map<WebhookEvent>()).ToList(), w.CreatedAt);
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainDeliveryStatus = FinanceMatch.Core.Webhooks.DeliveryStatus;
using DomainWebhook = FinanceMatch.Core.Webhooks.Webhook;
using DomainWebhookDelivery = FinanceMatch.Core.Webhooks.WebhookDelivery;
using DomainWebhookDeliveryAttempt = FinanceMatch.Core.Webhooks.WebhookDeliveryAttempt;

namespace FinanceMatch.Api.Features.Webhooks;

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this DomainWebhook w) =>
        new(
            w.Id,
            w.InstitutionId,
            w.Url,
            w.Events.Select(e => e.Map<WebhookEvent>()).ToList(),
            w.CreatedAt,
            w.SecretRotatedAt,
            w.PreviousSecretExpiresAt
        );

    /// <summary>A delivery with its attempts, oldest first; the next attempt's time only while one is due.</summary>
    public static WebhookDeliveryDto ToDto(
        this DomainWebhookDelivery d,
        IEnumerable<DomainWebhookDeliveryAttempt> attempts
    ) =>
        new(
            d.Id,
            d.EventId,
            d.EventType.Map<WebhookEvent>(),
            d.Status.Map<DeliveryStatus>(),
            d.Attempts,
            d.LastStatusCode,
            d.LastError,
            d.CreatedAt,
            d.Status == DomainDeliveryStatus.Pending ? d.NextAttemptAt : null,
            d.DeliveredAt,
            attempts
                .OrderBy(a => a.Attempt)
                .Select(a => new WebhookAttemptDto(
                    a.Attempt,
                    a.StatusCode,
                    a.Error,
                    a.StartedAt,
                    a.DurationMilliseconds
                ))
                .ToList()
        );
}

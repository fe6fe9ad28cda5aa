using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>A bank's webhooks and their delivery log.</summary>
public interface IWebhooksApi
{
    /// <summary>Registers an endpoint for some events (banks).</summary>
    [Post("/api/v1/webhooks")]
    Task<WebhookDto> RegisterAsync([Body] RegisterWebhookBody request, CancellationToken cancellationToken = default);

    /// <summary>The bank's webhooks.</summary>
    [Get("/api/v1/webhooks")]
    Task<IReadOnlyList<WebhookDto>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a webhook and its delivery log; pending deliveries are dropped.</summary>
    [Delete("/api/v1/webhooks/{id}")]
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A webhook's deliveries, newest first, each with every attempt: status code, error, time.</summary>
    [Get("/api/v1/webhooks/{id}/deliveries")]
    Task<Paged<WebhookDeliveryDto>> ListDeliveriesAsync(
        Guid id,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Sends a <c>ping</c> event to this webhook alone, signed like every delivery and kept in its delivery log, to
    /// test the endpoint and its signature check; returns the delivery queued (202).
    /// </summary>
    [Post("/api/v1/webhooks/{id}/ping")]
    Task<WebhookDeliveryDto> PingAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one of this webhook's deliveries again, now, as a new delivery with attempts of its own: the same event,
    /// body and <c>webhook-id</c>, so a receiver that drops duplicates sees the same message; returns the new delivery
    /// (202). 409 once the delivery's body is no longer kept.
    /// </summary>
    [Post("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")]
    Task<WebhookDeliveryDto> RedeliverAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the webhook's secret with a new one, returned this once; the previous secret keeps signing beside it
    /// (two <c>v1</c> signatures) until <c>previousSecretExpiresAt</c>, 24 hours by default.
    /// </summary>
    [Post("/api/v1/webhooks/{id}/secret")]
    Task<WebhookSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken = default);
}

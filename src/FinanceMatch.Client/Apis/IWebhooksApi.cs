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
}

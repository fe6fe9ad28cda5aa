using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Departments' lists of firms (pools, whitelists, red lists) and banks' subscriptions to them.</summary>
public interface IListsApi
{
    /// <summary>Publish a list (a department for itself, an operator for a department).</summary>
    [Post("/api/v1/lists")]
    Task<ListDto> CreateAsync([Body] CreateListBody request, CancellationToken cancellationToken = default);

    /// <summary>The lists the caller may see.</summary>
    [Get("/api/v1/lists")]
    Task<Paged<ListDto>> ListAsync(
        ListKind? kind = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One list.</summary>
    [Get("/api/v1/lists/{id}")]
    Task<ListDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Upload members by USCC (JSON, NDJSON or CSV, as the content's type says); follow the batch as any feed batch.</summary>
    [Post("/api/v1/lists/{id}/members")]
    Task<BatchDto> UploadMembersAsync(
        Guid id,
        [Body] HttpContent body,
        ListUploadMode? mode = null,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>A list's members (a bank: only those that consented to it).</summary>
    [Get("/api/v1/lists/{id}/members")]
    Task<Paged<ListMemberDto>> MembersAsync(
        Guid id,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>A bank subscribes to a list shared with it.</summary>
    [Put("/api/v1/lists/{id}/subscription")]
    Task<ListDto> SubscribeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A bank stops following a list.</summary>
    [Delete("/api/v1/lists/{id}/subscription")]
    Task UnsubscribeAsync(Guid id, CancellationToken cancellationToken = default);
}

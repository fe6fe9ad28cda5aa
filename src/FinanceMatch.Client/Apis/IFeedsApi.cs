using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Government data feeds: pushed batches and pull sources.</summary>
public interface IFeedsApi
{
    /// <summary>Pushes a batch (departments); the content's type says its format (JSON, NDJSON or CSV).</summary>
    [Post("/api/v1/feeds/{feedType}/batches")]
    Task<BatchDto> PushAsync(
        FeedType feedType,
        [Body] HttpContent body,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One batch (the pushing department, operators).</summary>
    [Get("/api/v1/feeds/batches/{id}")]
    Task<BatchDto> GetBatchAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The data-quality report: the department's own records (a department), the platform's (operators).</summary>
    [Get("/api/v1/feeds/quality")]
    Task<QualityReportDto> GetQualityAsync(
        Guid? departmentId = null,
        string? rule = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>The rejected rows of a batch.</summary>
    [Get("/api/v1/feeds/batches/{id}/errors")]
    Task<Paged<BatchErrorDto>> GetBatchErrorsAsync(
        Guid id,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Every rejected row of a batch, streamed as <paramref name="format"/> <c>csv</c> (RFC 4180, UTF-8 with a BOM) or
    /// <c>xlsx</c>. The response is returned whatever its status (a problem on failure); dispose it.
    /// </summary>
    [Get("/api/v1/feeds/batches/{id}/errors/export")]
    Task<HttpResponseMessage> ExportBatchErrorsAsync(
        Guid id,
        string format,
        CancellationToken cancellationToken = default
    );

    /// <summary>The caller's batches (operators: all), newest first.</summary>
    [Get("/api/v1/feeds/batches")]
    Task<Paged<BatchDto>> ListBatchesAsync(
        string? feedType = null,
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Registers a pull source (operators).</summary>
    [Post("/api/v1/feed-sources")]
    Task<FeedSourceDto> CreateSourceAsync(
        [Body] CreateFeedSourceBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Lists pull sources (operators).</summary>
    [Get("/api/v1/feed-sources")]
    Task<Paged<FeedSourceDto>> ListSourcesAsync(
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One pull source (operators).</summary>
    [Get("/api/v1/feed-sources/{id}")]
    Task<FeedSourceDto> GetSourceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Pulls now, outside the schedule (operators).</summary>
    [Post("/api/v1/feed-sources/{id}/run")]
    Task<FeedSourceRunDto> RunSourceAsync(Guid id, CancellationToken cancellationToken = default);
}

namespace FinanceMatch.Client.Contracts;

/// <summary>How a pushed batch body is encoded.</summary>
public enum BatchFormat
{
    /// <summary><c>application/json</c>: an array of record objects.</summary>
    Json,

    /// <summary><c>application/x-ndjson</c>: one record object per line.</summary>
    Ndjson,

    /// <summary><c>text/csv</c>: UTF-8, header row of field names.</summary>
    Csv,
}

/// <summary>Where a batch is in its processing.</summary>
public enum BatchStatus
{
    /// <summary>Received, waiting for a worker.</summary>
    Queued,

    /// <summary>Being parsed and applied.</summary>
    Processing,

    /// <summary>Every row applied.</summary>
    Completed,

    /// <summary>Valid rows applied, some rows rejected (see the errors).</summary>
    CompletedWithErrors,

    /// <summary>Nothing applied: the body could not be read as a batch.</summary>
    Failed,
}

/// <summary>A data feed batch and its processing figures.</summary>
public sealed record BatchDto(
    Guid Id,
    Guid? DepartmentId,
    FeedType FeedType,
    BatchFormat Format,
    BatchStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int TotalRows,
    int AcceptedRows,
    int RejectedRows,
    double Progress,
    string? FailureReason,
    long PayloadBytes,
    Guid? SourceId,
    Guid? InstitutionId = null,
    Guid? ListId = null
);

/// <summary>Why a row of a batch was rejected (row numbers are 1-based, the CSV header not counted).</summary>
public sealed record BatchErrorDto(int RowNumber, string Field, string Message);

/// <summary>Body of <c>POST /api/v1/feed-sources</c>: a department server to pull a feed type from.</summary>
public sealed record CreateFeedSourceBody(
    Guid DepartmentId,
    FeedType FeedType,
    string BaseUrl,
    string Cron,
    string? ApiKey = null
);

/// <summary>A registered pull source (the API key is never shown).</summary>
public sealed record FeedSourceDto(
    Guid Id,
    Guid DepartmentId,
    FeedType FeedType,
    string BaseUrl,
    string Cron,
    bool HasApiKey,
    string? Cursor,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastPulledAt,
    string? LastError
);

/// <summary>What a department server answers to <c>GET {baseUrl}/records</c>.</summary>
public sealed record FeedPage(IReadOnlyList<System.Text.Json.JsonElement> Records, string? NextCursor);

/// <summary>The answer to <c>POST /api/v1/feed-sources/{id}/run</c>: the pull job that was queued.</summary>
public sealed record FeedSourceRunDto(Guid SourceId, string JobId);

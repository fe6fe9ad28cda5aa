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
/// <param name="Id">The batch id (UUID).</param>
/// <param name="DepartmentId">The department that pushed (or was pulled for) the batch; null for a bank's
/// <c>loanPerformance</c> batch.</param>
/// <param name="FeedType">What the batch's records are.</param>
/// <param name="Format">How the body is encoded.</param>
/// <param name="Status">Where the batch is in its processing.</param>
/// <param name="ReceivedAt">When the body was received (ISO 8601, UTC).</param>
/// <param name="StartedAt">When processing started (ISO 8601, UTC); null while queued.</param>
/// <param name="CompletedAt">When processing ended, applied or failed (ISO 8601, UTC); null until then.</param>
/// <param name="TotalRows">Rows read: so far while processing, all of them once finished.</param>
/// <param name="AcceptedRows">Rows applied; 0 until the batch completes, and for a failed batch.</param>
/// <param name="RejectedRows">Rows rejected, each listed in the batch's errors.</param>
/// <param name="Progress">How far processing is, a fraction from 0 to 1 (1 once finished).</param>
/// <param name="FailureReason">Why the batch failed with nothing applied (at most 2,000 characters); null unless
/// failed.</param>
/// <param name="PayloadBytes">Size of the received body, in bytes.</param>
/// <param name="SourceId">The pull source that fetched the batch; null for a pushed batch.</param>
/// <param name="InstitutionId">The bank that pushed a <c>loanPerformance</c> batch; null for a department's
/// batch.</param>
/// <param name="ListId">The list whose members a <c>listMembers</c> batch uploads; null for any other batch.</param>
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
/// <param name="RowNumber">The rejected row's number, counting from 1 without the CSV header.</param>
/// <param name="Field">The record field at fault, by its name in the feed (e.g. <c>taxPaid</c>); <c>$</c> when the
/// row itself could not be read.</param>
/// <param name="Message">What is wrong with the field.</param>
public sealed record BatchErrorDto(int RowNumber, string Field, string Message);

/// <summary>Body of <c>POST /api/v1/feed-sources</c>: a department server to pull a feed type from.</summary>
/// <param name="DepartmentId">The department the records come from; it must have been created with this feed type (422
/// otherwise).</param>
/// <param name="FeedType">The feed type to pull; never <c>loanPerformance</c> or <c>listMembers</c>.</param>
/// <param name="BaseUrl">The department server's address: an absolute http or https URL of at most 500 characters,
/// without query or fragment; records are fetched from <c>{baseUrl}/records</c>.</param>
/// <param name="Cron">When to pull: a five-field cron expression (minute hour day month weekday) in UTC, at most 100
/// characters, e.g. <c>0 2 * * *</c>.</param>
/// <param name="ApiKey">A key sent to the server in the <c>X-Api-Key</c> header, at most 500 characters; stored
/// encrypted and never shown. Optional.</param>
public sealed record CreateFeedSourceBody(
    Guid DepartmentId,
    FeedType FeedType,
    string BaseUrl,
    string Cron,
    string? ApiKey = null
);

/// <summary>A registered pull source (the API key is never shown).</summary>
/// <param name="Id">The pull source id (UUID).</param>
/// <param name="DepartmentId">The department the records come from.</param>
/// <param name="FeedType">The feed type pulled.</param>
/// <param name="BaseUrl">The department server's address, without a trailing slash.</param>
/// <param name="Cron">The five-field cron schedule, in UTC.</param>
/// <param name="HasApiKey">Whether an API key is sent to the server (the key itself is never shown).</param>
/// <param name="Cursor">Where the next pull starts: the last <c>nextCursor</c> the server gave with a committed page;
/// null while it has given none.</param>
/// <param name="CreatedAt">When the source was registered (ISO 8601, UTC).</param>
/// <param name="LastPulledAt">When a pull last ended (ISO 8601, UTC); null before the first.</param>
/// <param name="LastError">Why the last pull failed or stopped early; null after a successful one.</param>
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
/// <param name="Records">The page's records, each a JSON object with the feed type's fields and <c>uscc</c>.</param>
/// <param name="NextCursor">The cursor to ask for the next page with; null when there is nothing more for now.</param>
public sealed record FeedPage(IReadOnlyList<System.Text.Json.JsonElement> Records, string? NextCursor);

/// <summary>The answer to <c>POST /api/v1/feed-sources/{id}/run</c>: the pull job that was queued.</summary>
/// <param name="SourceId">The pull source to be run.</param>
/// <param name="JobId">The id of the queued background job.</param>
public sealed record FeedSourceRunDto(Guid SourceId, string JobId);

namespace FinanceMatch.Core.Feeds;

public enum BatchFormat
{
    Json,
    Ndjson,
    Csv,
}

public enum BatchStatus
{
    Queued,
    Processing,
    Completed,
    CompletedWithErrors,
    Failed,
}

/// <summary>
/// One upload (or one pulled page) of feed records. Its raw bytes are kept in <see cref="FeedBatchChunk"/>s for audit
/// and replay; a job parses and applies it all-or-nothing.
/// </summary>
public sealed class FeedBatch
{
    private FeedBatch() { }

    public Guid Id { get; private set; }

    /// <summary>The department that pushed it, or null for a bank's batch (<see cref="InstitutionId"/>).</summary>
    public Guid? DepartmentId { get; private set; }

    /// <summary>The bank that pushed it (its loans' performance), or null for a department's batch.</summary>
    public Guid? InstitutionId { get; private set; }
    public FeedType FeedType { get; private set; }
    public BatchFormat Format { get; private set; }
    public BatchStatus Status { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public long PayloadBytes { get; private set; }
    public string? PayloadSha256 { get; private set; }
    public int TotalRows { get; private set; }
    public int AcceptedRows { get; private set; }
    public int RejectedRows { get; private set; }
    public double Progress { get; private set; }
    public string? FailureReason { get; private set; }

    /// <summary>The pull source this batch came from, with the cursor that fetched it and the one that follows it.</summary>
    public Guid? SourceId { get; private set; }
    public string? SourceCursor { get; private set; }
    public string? SourceNextCursor { get; private set; }

    /// <summary>The list whose members this batch uploads (<see cref="FeedType.ListMembers"/>), else null.</summary>
    public Guid? ListId { get; private set; }

    /// <summary>For a list's batch: whether its rows replace the members (else they are added to them).</summary>
    public bool ListReplace { get; private set; }

    /// <summary>A list's members, uploaded by (or for) the department that owns the list.</summary>
    public static FeedBatch ReceiveListMembers(
        Guid id,
        Guid departmentId,
        Guid listId,
        bool replace,
        BatchFormat format,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = id,
            DepartmentId = departmentId,
            FeedType = FeedType.ListMembers,
            ListId = listId,
            ListReplace = replace,
            Format = format,
            Status = BatchStatus.Queued,
            ReceivedAt = now,
        };

    public static FeedBatch Receive(
        Guid id,
        Guid departmentId,
        FeedType feedType,
        BatchFormat format,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = id,
            DepartmentId = departmentId,
            FeedType = feedType,
            Format = format,
            Status = BatchStatus.Queued,
            ReceivedAt = now,
        };

    /// <summary>A bank's batch: only its loans' performance is a bank's to push.</summary>
    public static FeedBatch ReceiveFromBank(Guid id, Guid institutionId, BatchFormat format, DateTimeOffset now) =>
        new()
        {
            Id = id,
            InstitutionId = institutionId,
            FeedType = FeedType.LoanPerformance,
            Format = format,
            Status = BatchStatus.Queued,
            ReceivedAt = now,
        };

    public void Received(long payloadBytes, string payloadSha256)
    {
        PayloadBytes = payloadBytes;
        PayloadSha256 = payloadSha256;
    }

    public void FromSource(Guid sourceId, string? cursor, string? nextCursor)
    {
        SourceId = sourceId;
        SourceCursor = cursor;
        SourceNextCursor = nextCursor;
    }

    public bool IsFinished => Status is BatchStatus.Completed or BatchStatus.CompletedWithErrors or BatchStatus.Failed;
}

/// <summary>One slice (up to 1 MiB) of a batch's raw upload, in order.</summary>
public sealed class FeedBatchChunk
{
    public Guid BatchId { get; set; }
    public int Sequence { get; set; }
    public byte[] Data { get; set; } = [];
}

/// <summary>Why one field of one row was rejected; the row number is 1-based, the CSV header not counted.</summary>
public sealed class FeedBatchError
{
    public Guid BatchId { get; set; }
    public int RowNumber { get; set; }
    public int Ordinal { get; set; }
    public string Field { get; set; } = null!;
    public string Message { get; set; } = null!;
}

namespace FinanceMatch.Core.Feeds;

/// <summary>A department's server that FinanceMatch pulls one feed type from, on a cron schedule and on demand.</summary>
public sealed class FeedSource
{
    private FeedSource() { }

    public Guid Id { get; private set; }
    public Guid DepartmentId { get; private set; }
    public FeedType FeedType { get; private set; }
    public string BaseUrl { get; private set; } = null!;
    public string Cron { get; private set; } = null!;

    /// <summary>The key sent to the department's server, encrypted with the platform's Data Protection key ring.</summary>
    public string? ProtectedApiKey { get; private set; }

    /// <summary>Where the next pull starts; advanced only in the transaction that commits the batch of the page before it.</summary>
    public string? Cursor { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastPulledAt { get; private set; }
    public string? LastError { get; private set; }

    public static FeedSource Register(
        Guid departmentId,
        FeedType feedType,
        string baseUrl,
        string cron,
        string? protectedApiKey,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            DepartmentId = departmentId,
            FeedType = feedType,
            BaseUrl = baseUrl.TrimEnd('/'),
            Cron = cron,
            ProtectedApiKey = protectedApiKey,
            CreatedAt = now,
        };

    public string RecurringJobId => $"feed-source-{Id}";
}

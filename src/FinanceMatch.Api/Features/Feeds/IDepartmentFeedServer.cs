using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>What FinanceMatch calls on a department's server to pull records (the server side is the department's).</summary>
public interface IDepartmentFeedServer
{
    /// <summary>One page of records after <paramref name="cursor"/>; a null <c>nextCursor</c> means no more for now.</summary>
    [Get("/records")]
    Task<FeedPage> GetRecordsAsync(
        string feedType,
        string? cursor,
        int limit,
        CancellationToken cancellationToken = default
    );
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainFeedBatch = FinanceMatch.Core.Feeds.FeedBatch;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

internal static class FeedMapping
{
    public static BatchDto ToDto(this DomainFeedBatch b) =>
        new(
            b.Id,
            b.DepartmentId,
            b.FeedType.Map<FeedType>(),
            b.Format.Map<BatchFormat>(),
            b.Status.Map<BatchStatus>(),
            b.ReceivedAt,
            b.StartedAt,
            b.CompletedAt,
            b.TotalRows,
            b.AcceptedRows,
            b.RejectedRows,
            b.Progress,
            b.FailureReason,
            b.PayloadBytes,
            b.SourceId,
            b.InstitutionId,
            b.ListId
        );

    /// <summary>A feed type named in a path or query (camelCase on the wire, any case accepted); unknown names are a 400 on that field.</summary>
    public static DomainFeedType ParseFeedType(string? value, string field = "feedType") =>
        EnumText.Parse<DomainFeedType>(value, field);
}

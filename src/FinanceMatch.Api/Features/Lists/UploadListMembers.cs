using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.Extensions.Options;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// The department that keeps a list (or an operator) uploads its members by USCC through the feed pipeline: the same
/// formats (JSON array, NDJSON, CSV with a <c>uscc</c> column), limits, progress, row-level rejects and Idempotency-Key as
/// a feed batch, followed at <c>/api/v1/feeds/batches/{id}</c>. <c>mode=append</c> (the default) adds the firms named;
/// <c>mode=replace</c> makes them the whole list. The batch is the department's (an operator's upload too).
/// </summary>
public static class UploadListMembers
{
    internal static async Task<IResult> Endpoint(
        Guid id,
        HttpRequest request,
        Caller caller,
        ISender sender,
        FinanceMatchDbContext db,
        IOptions<FeedOptions> options,
        CancellationToken ct,
        [System.ComponentModel.Description(
            "append (default) adds the file's firms to the list; replace makes the list exactly the file's firms."
        )]
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.ListUploadMode))]
            string? mode = null
    )
    {
        var replace = Infrastructure.EnumText.ParseOptional<ListUploadMode>(mode, "mode") is ListUploadMode.Replace;
        var format = ReceiveBatch.FormatOf(request.ContentType);
        var list = await ListAccess.FindKeptAsync(db, caller, id, ct);
        return await ReceiveBatch.SendAsync(
            request,
            sender,
            options,
            new ReceiveBatch.Command(
                list.DepartmentId,
                null,
                DomainFeedType.ListMembers,
                format,
                request.Body,
                IdempotencyFilter.KeyOf(request),
                IdempotencyFilter.CallerScope(request.HttpContext),
                list.Id,
                replace
            ),
            ct
        );
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// Every rejected row of a batch as one download, streamed from the database as the list pages them; whether the caller
/// may see the batch is settled before a byte is sent, so another party's batch is a 404 as in the list.
/// </summary>
public static class ExportBatchErrors
{
    public sealed record Query(Guid Id, Caller Caller) : IRequest<IAsyncEnumerable<BatchErrorDto>>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, IAsyncEnumerable<BatchErrorDto>>
    {
        public async ValueTask<IAsyncEnumerable<BatchErrorDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            await ListBatchErrors.EnsureVisibleAsync(db, query.Caller, query.Id, cancellationToken);
            return ListBatchErrors.Rows(db, query.Id).AsAsyncEnumerable();
        }
    }

    internal static async Task<IResult> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        string? format = null
    )
    {
        var export = TabularExport.ParseFormat(format);
        var rows = await sender.Send(new Query(id, caller), ct);
        return TabularExport.Download(rows, export, $"batch-errors-{id:N}", clock);
    }
}

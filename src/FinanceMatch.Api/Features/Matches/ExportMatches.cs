using System.Runtime.CompilerServices;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using DomainMatchStatus = FinanceMatch.Core.Matching.MatchStatus;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// The matches the list shows (a bank its institution's, a firm its own, operators all; <c>?status=</c>) as one
/// download, streamed from the database row by row, each row as the caller's list shows it.
/// </summary>
public static class ExportMatches
{
    public sealed record Query(Caller Caller, DomainMatchStatus? Status) : IRequest<IAsyncEnumerable<MatchDto>>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, IAsyncEnumerable<MatchDto>>
    {
        public ValueTask<IAsyncEnumerable<MatchDto>> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Rows(ListMatches.Listed(db, query.Caller, query.Status), query.Caller));

        private static async IAsyncEnumerable<MatchDto> Rows(
            IQueryable<DomainMatch> matches,
            Caller caller,
            [EnumeratorCancellation] CancellationToken ct = default
        )
        {
            await foreach (var match in matches.AsAsyncEnumerable().WithCancellation(ct))
                yield return match.ToDtoFor(caller);
        }
    }

    internal static async Task<IResult> Endpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        string? format = null,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.MatchStatus))] string? status = null
    )
    {
        var export = TabularExport.ParseFormat(format);
        var rows = await sender.Send(
            new Query(caller, EnumText.ParseOptional<DomainMatchStatus>(status, "status")),
            ct
        );
        return TabularExport.Download(rows, export, "matches", clock);
    }
}

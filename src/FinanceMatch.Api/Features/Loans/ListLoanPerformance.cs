using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Loans;

/// <summary>Every period reported of one loan, oldest first (its bank, its firm, operators).</summary>
public static class ListLoanPerformance
{
    public sealed record Query(Guid LoanId, Caller Caller) : IRequest<IReadOnlyList<LoanPerformanceDto>>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, IReadOnlyList<LoanPerformanceDto>>
    {
        public async ValueTask<IReadOnlyList<LoanPerformanceDto>> Handle(
            Query query,
            CancellationToken cancellationToken
        )
        {
            if (!await db.Loans.VisibleTo(query.Caller).AnyAsync(l => l.Id == query.LoanId, cancellationToken))
                throw new NotFoundException("No loan has this id.");
            var reports = await db
                .LoanPerformance.AsNoTracking()
                .Where(r => r.LoanId == query.LoanId)
                .OrderBy(r => r.Period)
                .ToListAsync(cancellationToken);
            return [.. reports.Select(r => r.ToDto())];
        }
    }

    internal static async Task<IReadOnlyList<LoanPerformanceDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(id, caller), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Loans;

/// <summary>One loan (its bank, its firm, operators), with the programme covering it.</summary>
public static class GetLoan
{
    public sealed record Query(Guid LoanId, Caller Caller) : IRequest<LoanDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, LoanDto>
    {
        public async ValueTask<LoanDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var loan =
                await db
                    .Loans.AsNoTracking()
                    .VisibleTo(query.Caller)
                    .SingleOrDefaultAsync(l => l.Id == query.LoanId, cancellationToken)
                ?? throw new NotFoundException("No loan has this id.");
            var covers = await LoanMapping.CoversAsync(db, [loan.Id], cancellationToken);
            return loan.ToDto(covers.GetValueOrDefault(loan.Id), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        }
    }

    internal static async Task<LoanDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}

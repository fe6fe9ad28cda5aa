using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.LoanRequests;

/// <summary>
/// The firm withdraws its request: open matches are withdrawn with it, and its guarantee (giving its capacity back), in
/// one transaction.
/// </summary>
public static class CancelLoanRequest
{
    public sealed record Command(Guid EnterpriseId, Guid LoanRequestId) : IRequest<LoanRequestDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, LoanRequestDto>
    {
        public async ValueTask<LoanRequestDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await LoanRequestAccess.FindOwnAsync(
                db,
                command.EnterpriseId,
                command.LoanRequestId,
                cancellationToken
            );
            var matches = await db.Matches.Where(m => m.LoanRequestId == request.Id).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            request.Cancel(now);
            foreach (var match in matches.Where(m => m.IsOpen))
                match.Withdraw(now);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await GuaranteeCover.WithdrawForRequestAsync(db, request.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return request.ToDto(matches);
        }
    }

    internal static async Task<LoanRequestDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller.SubjectId, id), ct);
}

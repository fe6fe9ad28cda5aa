using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// The firm accepts one approved offer; every other open match of the request is withdrawn in the same transaction.
/// Two acceptances racing on one request both change the request's row: one commits, the other gets 409. An offer that
/// relies on a guarantor can be taken once the guarantor approved (409 before); taking any other offer withdraws the
/// request's guarantee, which gives its capacity back.
/// </summary>
public static class AcceptMatch
{
    public sealed record Command(Guid EnterpriseId, Guid MatchId) : IRequest<MatchDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var accepted =
                await db.Matches.SingleOrDefaultAsync(
                    m => m.Id == command.MatchId && m.EnterpriseId == command.EnterpriseId,
                    cancellationToken
                ) ?? throw new NotFoundException("This enterprise has no match with this id.");
            var request = await db.LoanRequests.SingleAsync(r => r.Id == accepted.LoanRequestId, cancellationToken);
            var others = await db
                .Matches.Where(m => m.LoanRequestId == request.Id && m.Id != accepted.Id)
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            accepted.Accept(now);
            request.AcceptOffer();
            foreach (var other in others.Where(m => m.IsOpen))
                other.Withdraw(now);
            // The capacity a guarantee no longer needed gives back moves with the acceptance, or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (accepted.GuaranteeId is { } guaranteeId)
                (await GuaranteeCover.OfMatchAsync(db, guaranteeId, cancellationToken)).RequireApproved();
            else
                await GuaranteeCover.WithdrawForRequestAsync(db, request.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return accepted.ToDto();
        }
    }

    internal static async Task<MatchDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller.SubjectId, id), ct);
}

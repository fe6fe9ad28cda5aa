using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// The guarantor takes the loan on (its part of 政银担): the guarantee's amount is held against its product's capacity in
/// the same transaction, and the firm may now take an offer that relies on it. A capacity already taken up, or a product
/// withdrawn meanwhile, is 409 and nothing changes.
/// </summary>
public static class ApproveGuarantee
{
    public sealed record Command(Caller Caller, Guid GuaranteeId) : IRequest<GuaranteeDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, GuaranteeDto>
    {
        public async ValueTask<GuaranteeDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var guarantee = await GuaranteeAccess.FindForGuarantorAsync(
                db,
                command.Caller,
                command.GuaranteeId,
                cancellationToken
            );
            guarantee.Approve(clock.GetUtcNow());
            if (!await GuaranteeCover.IsReliedOnAsync(db, guarantee.Id, cancellationToken))
                throw new ConflictException("No open offer relies on this guarantee any more.");
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await GuaranteeCover.HoldAsync(db, guarantee.GuaranteeProductId, guarantee.Amount, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return guarantee.ToDto();
        }
    }

    internal static async Task<GuaranteeDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller, id), ct);
}

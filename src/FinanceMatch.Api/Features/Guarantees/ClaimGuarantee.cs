using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Loans;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// The bank claims the covered share of its loss on a defaulted loan from the guarantor, before any risk-compensation
/// programme (which covers its share of what the guarantor leaves). The loan is locked while the claim is made, so a
/// report moving it out of default meanwhile waits and then sees the claim.
/// </summary>
public static class ClaimGuarantee
{
    public sealed record Command(Caller Caller, Guid GuaranteeId, ClaimGuaranteeBody Body) : IRequest<GuaranteeDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<ClaimGuaranteeBody> { v => v.RuleFor(b => b.Loss).MustBeMoney().GreaterThan(0) }
                );
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, GuaranteeDto>
    {
        public async ValueTask<GuaranteeDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var guarantee = await GuaranteeAccess.FindForLenderAsync(
                db,
                command.Caller,
                command.GuaranteeId,
                cancellationToken
            );
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var loan = await LoanAccess.LockForBankAsync(
                db,
                command.Caller,
                guarantee.LoanId!.Value,
                cancellationToken
            );
            guarantee.Claim(loan, command.Body.Loss, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return guarantee.ToDto();
        }
    }

    internal static async Task<GuaranteeDto> Endpoint(
        Guid id,
        ClaimGuaranteeBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

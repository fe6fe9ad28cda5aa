using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// The guarantor pays the bank's claim (the covered share of the loss), if the loan is still in default or written off;
/// the guarantee's capacity is free again, and the bank may now claim the rest from a risk-compensation programme.
/// </summary>
public static class PayGuaranteeClaim
{
    public sealed record Command(Caller Caller, Guid GuaranteeId, DecideGuaranteeClaimBody Body)
        : IRequest<GuaranteeDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<DecideGuaranteeClaimBody> { v => v.RuleFor(b => b.Note).MaximumLength(1000) }
                );
    }

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
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The loan held (FOR SHARE) until the payment commits: a report moving it out of default meanwhile waits.
            var loanStatus =
                (
                    await db
                        .Loans.FromSql(
                            $"SELECT l.*, l.xmin FROM financematch.loans l WHERE l.id = {guarantee.LoanId} FOR SHARE"
                        )
                        .AsNoTracking()
                        .SingleOrDefaultAsync(cancellationToken)
                )?.Status
                ?? default;
            var freed = guarantee.PayClaim(loanStatus, command.Body.Note, clock.GetUtcNow());
            await GuaranteeCover.ReturnAsync(db, guarantee.GuaranteeProductId, freed, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return guarantee.ToDto();
        }
    }

    internal static async Task<GuaranteeDto> Endpoint(
        Guid id,
        DecideGuaranteeClaimBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

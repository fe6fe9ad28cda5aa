using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// The guarantor refuses the bank's claim, with a note; the guarantee ends (its capacity free again) and the bank may
/// claim its whole loss from a risk-compensation programme.
/// </summary>
public static class RejectGuaranteeClaim
{
    public sealed record Command(Caller Caller, Guid GuaranteeId, DecideGuaranteeClaimBody Body)
        : IRequest<GuaranteeDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<DecideGuaranteeClaimBody>
                    {
                        v =>
                            v.RuleFor(b => b.Note)
                                .NotEmpty()
                                .MaximumLength(1000)
                                .WithMessage("A rejection says why in a note (at most 1000 characters)."),
                    }
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
            var freed = guarantee.RejectClaim(command.Body.Note!, clock.GetUtcNow());
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

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// The guarantor will not cover the loan, and says why: the open offers that relied on it are withdrawn with it (a loan
/// only its guarantee would secure is not on offer without it), in one transaction. The request's other matches stand.
/// </summary>
public static class DeclineGuarantee
{
    public sealed record Command(Caller Caller, Guid GuaranteeId, DeclineGuaranteeBody Body) : IRequest<GuaranteeDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<DeclineGuaranteeBody>
                    {
                        v =>
                            v.RuleFor(b => b.Reason)
                                .NotEmpty()
                                .MaximumLength(1000)
                                .WithMessage("A decline says why in a reason (at most 1000 characters)."),
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
            var now = clock.GetUtcNow();
            guarantee.Decline(command.Body.Reason, now);
            var relying = await db.Matches.Where(m => m.GuaranteeId == guarantee.Id).ToListAsync(cancellationToken);
            foreach (var match in relying.Where(m => m.IsOpen))
                match.Withdraw(now);
            await db.SaveChangesAsync(cancellationToken);
            return guarantee.ToDto();
        }
    }

    internal static async Task<GuaranteeDto> Endpoint(
        Guid id,
        DeclineGuaranteeBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

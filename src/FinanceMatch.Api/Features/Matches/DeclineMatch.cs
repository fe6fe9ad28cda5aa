using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// The bank says no, with a reason the firm reads and a code statistics count (<c>other</c> when none is given). A
/// declined firm may ask to be referred to the banks that have not seen its request (ReferLoanRequest).
/// </summary>
public static class DeclineMatch
{
    public sealed record Command(Caller Caller, Guid MatchId, DeclineMatchBody Body) : IRequest<MatchDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<DeclineMatchBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Reason).NotEmpty().MaximumLength(1000);
            RuleFor(b => b.ReasonCode).IsInEnum();
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var match = await MatchAccess.FindForBankAsync(db, command.Caller, command.MatchId, cancellationToken);
            var now = clock.GetUtcNow();
            match.Decline(
                command.Body.Reason,
                (command.Body.ReasonCode ?? DeclineReasonCode.Other).Map<Core.Matching.DeclineReason>(),
                now
            );
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await GuaranteeCover.WithdrawUnusedAsync(db, [match], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Telemetry.RecordMatchDecision("declined", now - match.CreatedAt);
            return match.ToBankDto();
        }
    }

    internal static async Task<MatchDto> Endpoint(
        Guid id,
        DeclineMatchBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

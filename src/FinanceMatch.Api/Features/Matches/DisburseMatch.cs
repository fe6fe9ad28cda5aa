using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// The bank pays out an accepted offer; the request is fulfilled. From now on the bank follows the firm: its profile
/// rebuilds raise risk alerts for this bank.
/// </summary>
public static class DisburseMatch
{
    public sealed record Command(Caller Caller, Guid MatchId, DisburseMatchBody Body) : IRequest<MatchDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator(clock));
    }

    public sealed class BodyValidator : AbstractValidator<DisburseMatchBody>
    {
        public BodyValidator(TimeProvider clock)
        {
            RuleFor(b => b.Amount).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.DisbursedOn)
                .NotEmpty()
                .Must(d => d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .WithMessage("disbursedOn cannot be in the future.");
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var match = await MatchAccess.FindForBankAsync(db, command.Caller, command.MatchId, cancellationToken);
            var request = await db.LoanRequests.SingleAsync(r => r.Id == match.LoanRequestId, cancellationToken);
            var now = clock.GetUtcNow();
            match.Disburse(command.Body.Amount, command.Body.DisbursedOn, now);
            request.Fulfil(now);
            await db.SaveChangesAsync(cancellationToken);
            return match.ToBankDto();
        }
    }

    internal static async Task<MatchDto> Endpoint(
        Guid id,
        DisburseMatchBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// The bank makes its offer. The offer must fit the product version the match was made from (rate and term within its
/// ranges) and cannot lend more than the firm asked for.
/// </summary>
public static class ApproveMatch
{
    public sealed record Command(Caller Caller, Guid MatchId, ApproveMatchBody Body) : IRequest<MatchDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<ApproveMatchBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Amount).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.AnnualRate).MustBeRate();
            RuleFor(b => b.TermMonths).InclusiveBetween(1, 360);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var match = await MatchAccess.FindForBankAsync(db, command.Caller, command.MatchId, cancellationToken);
            var terms = (
                await db
                    .ProductVersions.AsNoTracking()
                    .SingleAsync(
                        v => v.ProductId == match.ProductId && v.Version == match.ProductVersion,
                        cancellationToken
                    )
            ).ReadTerms();
            var requested = await db
                .LoanRequests.Where(r => r.Id == match.LoanRequestId)
                .Select(r => r.Amount)
                .SingleAsync(cancellationToken);
            var offer = command.Body;
            var now = clock.GetUtcNow();
            match.Approve(offer.Amount, offer.AnnualRate, offer.TermMonths, terms, requested, now);
            await db.SaveChangesAsync(cancellationToken);
            Telemetry.RecordMatchDecision("approved", now - match.CreatedAt);
            return match.ToBankDto();
        }
    }

    internal static async Task<MatchDto> Endpoint(
        Guid id,
        ApproveMatchBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

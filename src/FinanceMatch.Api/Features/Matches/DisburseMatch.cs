using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Api.Features.RiskProgrammes;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainCoveredLoan = FinanceMatch.Core.RiskProgrammes.CoveredLoan;
using DomainGuaranteeType = FinanceMatch.Core.Products.GuaranteeType;
using DomainLoan = FinanceMatch.Core.Loans.Loan;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// The bank pays out an accepted offer; the request is fulfilled and the match becomes a loan (same id) that the bank
/// reports on every period. The loan keeps the firm's rating of this moment (what model performance is measured against)
/// and enrols in the risk-compensation programme that covers it, if one does and its budget allows. From now on the bank
/// follows the firm: its profile rebuilds raise risk alerts for this bank. A match that relies on a guarantor needs its
/// approval (409 otherwise); the guarantee then covers the loan, holding the principal paid out of its product's capacity.
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
            var firm = await db
                .Enterprises.Where(e => e.Id == match.EnterpriseId)
                .Select(e => new { e.DivisionCode, e.IndustryCode })
                .SingleAsync(cancellationToken);
            var rating = await db
                .CreditProfiles.Where(p => p.EnterpriseId == match.EnterpriseId)
                .Select(p => new
                {
                    p.Score,
                    p.Grade,
                    p.ModelVersion,
                })
                .SingleOrDefaultAsync(cancellationToken);
            var productAllows = (
                await db
                    .ProductVersions.AsNoTracking()
                    .SingleAsync(
                        v => v.ProductId == match.ProductId && v.Version == match.ProductVersion,
                        cancellationToken
                    )
            )
                .ReadTerms()
                .GuaranteeTypes;
            // A loan whose match relies on a guarantor is secured by its guarantee, whatever else the two allow.
            IEnumerable<DomainGuaranteeType>? guaranteeOnly = match.GuaranteeId is null
                ? null
                : [DomainGuaranteeType.Guarantee];
            var loan = DomainLoan.Disbursed(
                match,
                request.CreatedAt,
                (firm.DivisionCode, firm.IndustryCode),
                command.Body.FirstLoan,
                DomainLoan.GuaranteeOf(
                    command.Body.GuaranteeType?.Map<DomainGuaranteeType>(),
                    guaranteeOnly ?? productAllows,
                    guaranteeOnly ?? request.GuaranteeTypes
                ),
                (rating?.Score, rating?.Grade, rating?.ModelVersion),
                now
            );
            db.Loans.Add(loan);
            // The programme's budget is reserved by a conditional UPDATE in this transaction: if the match turns out
            // to have moved meanwhile (409), the reservation goes with it.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (match.GuaranteeId is { } guaranteeId)
            {
                var guarantee = await GuaranteeCover.OfMatchAsync(db, guaranteeId, cancellationToken);
                var freed = guarantee.Activate(loan.Id, loan.Amount, now);
                await GuaranteeCover.ReturnAsync(db, guarantee.GuaranteeProductId, freed, cancellationToken);
            }
            await RiskCover.EnrolAsync(
                db,
                loan,
                new DomainCoveredLoan(
                    match.ProductId,
                    firm.DivisionCode,
                    firm.IndustryCode,
                    rating?.Grade,
                    loan.FirstLoan
                ),
                now,
                cancellationToken
            );
            await GovernmentPolicies.PolicyCover.EnrolAsync(db, loan, match, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
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

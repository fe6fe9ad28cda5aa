using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;
using DomainLedgerEntryKind = FinanceMatch.Core.Funds.LedgerEntryKind;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// The programme's department (or an operator) approves a claim: the claim is paid from the loan's reservation and what
/// was reserved beyond it goes back to the budget, in one transaction with its ledger entries.
/// </summary>
public static class ApproveClaim
{
    public sealed record Command(Caller Caller, Guid ClaimId, DecideClaimBody? Body) : IRequest<ClaimDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body!.Note).MaximumLength(1000).When(c => c.Body is not null);
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ClaimDto>
    {
        public async ValueTask<ClaimDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var claim = await RiskProgrammeAccess.FindDecidableAsync(
                db,
                command.Caller,
                command.ClaimId,
                cancellationToken
            );
            var enrolment = await db.RiskEnrolments.SingleAsync(e => e.LoanId == claim.LoanId, cancellationToken);
            var loanStatus = await db
                .Loans.Where(l => l.Id == claim.LoanId)
                .Select(l => l.Status)
                .SingleAsync(cancellationToken);
            var now = clock.GetUtcNow();
            claim.Approve(loanStatus, command.Body?.Note, now);
            var payout = claim.Amount;
            var released = enrolment.Pay(payout, now);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The claim's and the enrolment's row versions decide first: of two approvals (or an approval and the daily
            // release) exactly one gets past this line; the other is 409 and has moved no money.
            await db.SaveChangesAsync(cancellationToken);
            var moved = await db
                .RiskProgrammes.Where(p => p.Id == claim.ProgrammeId && p.Reserved >= payout + released)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(p => p.Reserved, p => p.Reserved - payout - released)
                            .SetProperty(p => p.Paid, p => p.Paid + payout),
                    cancellationToken
                );
            if (moved != 1)
                throw new ConflictException("The programme no longer holds this loan's reservation.");
            if (payout > 0)
                db.Ledger.Add(
                    DomainLedgerEntry.ForProgramme(
                        claim.ProgrammeId,
                        claim.LoanId,
                        claim.Id,
                        DomainLedgerEntryKind.Payout,
                        payout,
                        now
                    )
                );
            if (released > 0)
                db.Ledger.Add(
                    DomainLedgerEntry.ForProgramme(
                        claim.ProgrammeId,
                        claim.LoanId,
                        claim.Id,
                        DomainLedgerEntryKind.Release,
                        released,
                        now
                    )
                );
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return claim.ToDto();
        }
    }

    internal static async Task<ClaimDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        DecideClaimBody? body = null
    ) => await sender.Send(new Command(caller, id, body), ct);
}

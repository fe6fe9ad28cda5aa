using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;
using DomainLedgerEntryKind = FinanceMatch.Core.Funds.LedgerEntryKind;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// The policy's department (or an operator) approves a subsidy claim: it is paid from the loan's reservation (reserved →
/// paid) in one transaction with its fund-ledger entry; a second approval, or a release racing it, is 409 and moves no
/// money.
/// </summary>
public static class ApproveSubsidyClaim
{
    public sealed record Command(Caller Caller, Guid ClaimId, DecideClaimBody? Body) : IRequest<SubsidyClaimDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body!.Note).MaximumLength(1000).When(c => c.Body is not null);
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, SubsidyClaimDto>
    {
        public async ValueTask<SubsidyClaimDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var claim = await PolicyAccess.FindDecidableAsync(db, command.Caller, command.ClaimId, ct);
            var enrolment = await db.PolicyEnrolments.SingleAsync(
                e => e.LoanId == claim.LoanId && e.PolicyId == claim.PolicyId,
                ct
            );
            var now = clock.GetUtcNow();
            claim.Approve(command.Body?.Note, now);
            enrolment.Pay(claim.Amount, now);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The claim's and the enrolment's row versions decide first: of two approvals exactly one passes this line.
            await db.SaveChangesAsync(ct);
            var amount = claim.Amount;
            var moved = await db
                .Policies.Where(p => p.Id == claim.PolicyId && p.Reserved >= amount)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(p => p.Reserved, p => p.Reserved - amount)
                            .SetProperty(p => p.Paid, p => p.Paid + amount),
                    ct
                );
            if (moved != 1)
                throw new ConflictException("The policy no longer holds this loan's reservation.");
            db.Ledger.Add(
                DomainLedgerEntry.ForPolicy(
                    claim.PolicyId,
                    claim.LoanId,
                    claim.Id,
                    DomainLedgerEntryKind.Payout,
                    amount,
                    now
                )
            );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return claim.ToDto();
        }
    }

    internal static async Task<SubsidyClaimDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        DecideClaimBody? body = null
    ) => await sender.Send(new Command(caller, id, body), ct);
}

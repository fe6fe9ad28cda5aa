using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;
using DomainSubsidyClaim = FinanceMatch.Core.Policies.SubsidyClaim;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// The bank claims a policy's subsidy on its own loan as interest is paid: up to what the loan has earned after the
/// months it reported repaid (or settled), less what was claimed, from what the policy reserved at disbursement. One claim
/// of a loan under a policy is open at a time (409).
/// </summary>
public static class FileSubsidyClaim
{
    public sealed record Command(Caller Caller, Guid LoanId, FileSubsidyClaimBody Body) : IRequest<SubsidyClaimDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<FileSubsidyClaimBody>
                    {
                        v => v.RuleFor(b => b.PolicyId).NotEmpty(),
                        v => v.RuleFor(b => b.Amount).MustBeMoney().GreaterThan(0),
                    }
                );
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, SubsidyClaimDto>
    {
        public async ValueTask<SubsidyClaimDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var loan = await Loans.LoanAccess.FindForBankAsync(db, command.Caller, command.LoanId, ct);
            var policyId = command.Body.PolicyId;
            var enrolment =
                await db.PolicyEnrolments.SingleOrDefaultAsync(e => e.LoanId == loan.Id && e.PolicyId == policyId, ct)
                ?? throw new NotFoundException("This policy reserved nothing for this loan.");
            if (
                await db.SubsidyClaims.AnyAsync(
                    c => c.LoanId == loan.Id && c.PolicyId == policyId && c.Status == DomainClaimStatus.Submitted,
                    ct
                )
            )
                throw new ConflictException("A claim of this loan under this policy is already submitted.");
            var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == policyId, ct);
            var monthsPaid = await db.LoanPerformance.CountAsync(
                r =>
                    r.LoanId == loan.Id
                    && (r.Status == DomainLoanStatus.Repaying || r.Status == DomainLoanStatus.Settled),
                ct
            );
            var claim = DomainSubsidyClaim.File(
                loan,
                policy,
                enrolment,
                command.Body.Amount,
                monthsPaid,
                clock.GetUtcNow()
            );
            db.SubsidyClaims.Add(claim);
            // Two claims racing past the check above meet the unique index of open claims: the second is 409.
            await db.SaveChangesAsync(ct);
            return claim.ToDto();
        }
    }

    internal static async Task<Created<SubsidyClaimDto>> Endpoint(
        Guid id,
        FileSubsidyClaimBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var claim = await sender.Send(new Command(caller, id, body), ct);
        return TypedResults.Created($"/api/v1/subsidy-claims/{claim.Id}", claim);
    }
}

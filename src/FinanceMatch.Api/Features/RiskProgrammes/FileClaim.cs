using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Loans;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;
using DomainRiskClaim = FinanceMatch.Core.RiskProgrammes.RiskClaim;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// The bank claims on the programme covering its defaulted loan for the loss it bears, within the programme's window
/// after the default. The claim is worth the covered share of the loss, never more than what the programme reserved; a
/// loan a guarantor covers is claimed from the guarantor first, and the programme covers its share of what is left.
/// </summary>
public static class FileClaim
{
    public sealed record Command(Caller Caller, Guid LoanId, FileClaimBody Body) : IRequest<ClaimDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<FileClaimBody> { v => v.RuleFor(b => b.Loss).MustBeMoney().GreaterThan(0) }
                );
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ClaimDto>
    {
        public async ValueTask<ClaimDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var loan = await LoanAccess.FindForBankAsync(db, command.Caller, command.LoanId, cancellationToken);
            var enrolment =
                await db.RiskEnrolments.SingleOrDefaultAsync(e => e.LoanId == loan.Id, cancellationToken)
                ?? throw new ConflictException("No risk-compensation programme covers this loan.");
            if (
                await db.RiskClaims.AnyAsync(
                    c =>
                        c.LoanId == loan.Id
                        && (c.Status == DomainClaimStatus.Submitted || c.Status == DomainClaimStatus.Approved),
                    cancellationToken
                )
            )
                throw new ConflictException("A claim on this loan is already submitted or approved.");
            var programme = await db.RiskProgrammes.SingleAsync(p => p.Id == enrolment.ProgrammeId, cancellationToken);
            var guarantee = loan.GuaranteeId is { } guaranteeId
                ? await db.Guarantees.AsNoTracking().SingleAsync(g => g.Id == guaranteeId, cancellationToken)
                : null;
            var now = clock.GetUtcNow();
            var claim = DomainRiskClaim.File(
                loan,
                programme,
                enrolment,
                guarantee,
                command.Body.Loss,
                DateOnly.FromDateTime(now.UtcDateTime),
                now
            );
            db.RiskClaims.Add(claim);
            await db.SaveChangesAsync(cancellationToken);
            return claim.ToDto();
        }
    }

    internal static async Task<Created<ClaimDto>> Endpoint(
        Guid id,
        FileClaimBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var claim = await sender.Send(new Command(caller, id, body), ct);
        return TypedResults.Created($"/api/v1/claims/{claim.Id}", claim);
    }
}

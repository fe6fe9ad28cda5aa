using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainConsent = FinanceMatch.Core.Consents.Consent;
using DomainConsentPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainConsentScope = FinanceMatch.Core.Consents.ConsentScope;

namespace FinanceMatch.Api.Features.Consents;

public static class GrantConsent
{
    public sealed record Command(
        Caller Caller,
        Guid EnterpriseId,
        Guid? InstitutionId,
        Guid? LoanRequestId,
        IReadOnlyList<ConsentScope> Scopes,
        ConsentPurpose Purpose,
        DateTimeOffset ExpiresAt
    ) : IRequest<ConsentDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c)
                .Must(c => (c.InstitutionId is null) != (c.LoanRequestId is null))
                .WithName("institutionId")
                .WithMessage("Give exactly one of institutionId and loanRequestId.");
            RuleFor(c => c.Scopes).NotEmpty().WithMessage("Name at least one scope.");
            RuleForEach(c => c.Scopes).IsInEnum();
            RuleFor(c => c.Purpose).IsInEnum();
            RuleFor(c => c.ExpiresAt).NotEmpty();
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ConsentDto>
    {
        public async ValueTask<ConsentDto> Handle(Command command, CancellationToken cancellationToken)
        {
            ConsentAccess.EnsureFirmOrOperator(command.Caller, command.EnterpriseId, write: true);
            var now = clock.GetUtcNow();
            if (command.ExpiresAt <= now || command.ExpiresAt > now.AddDays(DomainConsent.MaxDays))
                throw new ValidationException([
                    new(
                        "expiresAt",
                        $"expiresAt must be in the future and at most {DomainConsent.MaxDays} days ahead."
                    ),
                ]);
            if (
                command.InstitutionId is { } institutionId
                && !await db.Institutions.AnyAsync(i => i.Id == institutionId, cancellationToken)
            )
                throw new UnprocessableException("No institution has this institutionId.");
            if (
                command.LoanRequestId is { } loanRequestId
                && !await db.LoanRequests.AnyAsync(
                    r => r.Id == loanRequestId && r.EnterpriseId == command.EnterpriseId,
                    cancellationToken
                )
            )
                throw new UnprocessableException("No loan request of this enterprise has this loanRequestId.");
            var consent = DomainConsent.Grant(
                command.EnterpriseId,
                command.InstitutionId,
                command.LoanRequestId,
                command.Scopes.Select(s => s.Map<DomainConsentScope>()),
                command.Purpose.Map<DomainConsentPurpose>(),
                command.ExpiresAt,
                now
            );
            db.Consents.Add(consent);
            await db.SaveChangesAsync(cancellationToken);
            return consent.ToDto(now);
        }
    }

    internal static async Task<Created<ConsentDto>> Endpoint(
        Guid id,
        GrantConsentBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var consent = await sender.Send(
            new Command(
                caller,
                id,
                body.InstitutionId,
                body.LoanRequestId,
                body.Scopes ?? [],
                body.Purpose,
                body.ExpiresAt
            ),
            ct
        );
        return TypedResults.Created($"/api/v1/enterprises/{id}/consents/{consent.Id}", consent);
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>The policy's department (or an operator) refuses a subsidy claim with a note; the bank may claim again.</summary>
public static class RejectSubsidyClaim
{
    public sealed record Command(Caller Caller, Guid ClaimId, DecideClaimBody Body) : IRequest<SubsidyClaimDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<DecideClaimBody>
                    {
                        v =>
                            v.RuleFor(b => b.Note)
                                .NotEmpty()
                                .MaximumLength(1000)
                                .WithMessage("A rejection says why in a note (at most 1000 characters)."),
                    }
                );
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, SubsidyClaimDto>
    {
        public async ValueTask<SubsidyClaimDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var claim = await PolicyAccess.FindDecidableAsync(db, command.Caller, command.ClaimId, cancellationToken);
            claim.Reject(command.Body.Note!, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return claim.ToDto();
        }
    }

    internal static async Task<SubsidyClaimDto> Endpoint(
        Guid id,
        DecideClaimBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

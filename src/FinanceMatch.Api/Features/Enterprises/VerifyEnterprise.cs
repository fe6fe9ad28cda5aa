using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Enterprises.Verification;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Enterprises;

/// <summary>An operator verifies a pending registration after checking its documents; the first verified claim of a USCC wins.</summary>
public static class VerifyEnterprise
{
    public sealed record Command(Guid EnterpriseId, Caller Caller, string Note) : IRequest<EnterpriseDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(2000);
    }

    public sealed class Handler(
        FinanceMatchDbContext db,
        OperatorReviewVerification review,
        VerificationDecision decision
    ) : IRequestHandler<Command, EnterpriseDto>
    {
        public async ValueTask<EnterpriseDto> Handle(Command command, CancellationToken ct)
        {
            var firm =
                await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EnterpriseId, ct)
                ?? throw new NotFoundException("No enterprise has this id.");
            var actor = command.Caller.RequiredClientId;
            var proof = await review.CheckAsync(firm, new VerificationClaim(null, actor, command.Note.Trim()), ct);
            var verified = await decision.VerifyAsync(firm.Id, review.Method, proof, actor, ct);
            return GetEnterprise.ToDto(verified, command.Caller, await GetEnterprise.RegisteredAsync(db, verified, ct));
        }
    }

    internal static async Task<EnterpriseDto> Endpoint(
        Guid id,
        VerificationDecisionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(id, caller, body.Note), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Enterprises.Verification;
using FinanceMatch.Client.Contracts;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.Enterprises;

/// <summary>An operator refuses a pending registration; the decision is final and kept with the operator's client id and note.</summary>
public static class RejectEnterprise
{
    public sealed record Command(Guid EnterpriseId, Caller Caller, string Note) : IRequest<EnterpriseDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(2000);
    }

    public sealed class Handler(VerificationDecision decision) : IRequestHandler<Command, EnterpriseDto>
    {
        public async ValueTask<EnterpriseDto> Handle(Command command, CancellationToken ct) =>
            GetEnterprise.ToDto(
                await decision.RejectAsync(
                    command.EnterpriseId,
                    command.Caller.RequiredClientId,
                    command.Note.Trim(),
                    ct
                ),
                command.Caller
            );
    }

    internal static async Task<EnterpriseDto> Endpoint(
        Guid id,
        VerificationDecisionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(id, caller, body.Note), ct);
}

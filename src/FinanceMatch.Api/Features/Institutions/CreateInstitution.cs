using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Institutions;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using DomainInstitutionKind = FinanceMatch.Core.Institutions.InstitutionKind;
using DomainRole = FinanceMatch.Core.Identity.Role;
using InstitutionKind = FinanceMatch.Client.Contracts.InstitutionKind;

namespace FinanceMatch.Api.Features.Institutions;

public static class CreateInstitution
{
    public sealed record Command(
        string Name,
        string Code,
        string? ActorClientId = null,
        InstitutionKind Kind = InstitutionKind.Bank
    ) : IRequest<CreatedInstitution>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Code)
                .NotEmpty()
                .MaximumLength(32)
                .Matches("^[A-Za-z0-9][A-Za-z0-9_-]*$")
                .WithMessage("Code may hold letters, digits, '-' and '_' only.");
            RuleFor(c => c.Kind).IsInEnum();
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, CredentialIssuer credentials, TimeProvider clock)
        : IRequestHandler<Command, CreatedInstitution>
    {
        public async ValueTask<CreatedInstitution> Handle(Command command, CancellationToken ct)
        {
            var institution = Institution.Onboard(
                command.Name,
                command.Code,
                clock.GetUtcNow(),
                command.Kind.Map<DomainInstitutionKind>()
            );
            db.Institutions.Add(institution);
            var (credential, secret) = credentials.IssueInto(
                db,
                DomainRole.Bank,
                institution.Id,
                command.ActorClientId
            );
            await db.SaveChangesAsync(ct);
            return new CreatedInstitution(
                institution.Id,
                institution.Name,
                institution.Code,
                institution.CreatedAt,
                credential.ClientId,
                secret,
                command.Kind
            );
        }
    }

    internal static async Task<Created<CreatedInstitution>> Endpoint(
        CreateInstitutionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var created = await sender.Send(
            new Command(body.Name, body.Code, caller.RequiredClientId, body.Kind ?? InstitutionKind.Bank),
            ct
        );
        return TypedResults.Created($"/api/v1/institutions/{created.Id}", created);
    }
}

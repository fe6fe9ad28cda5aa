using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Enterprises.Verification;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Enterprises;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Enterprises;

public static class RegisterEnterprise
{
    public sealed record Command(
        string Uscc,
        string Name,
        string LegalRepresentative,
        string DivisionCode,
        string IndustryCode,
        DateOnly EstablishedOn,
        decimal RegisteredCapital,
        int? Employees
    ) : IRequest<RegisteredEnterprise>;

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly DateOnly EarliestFounding = new(1900, 1, 1);

        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Uscc).MustBeUscc();
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.LegalRepresentative).NotEmpty().MaximumLength(100);
            RuleFor(c => c.DivisionCode).MustBeDivisionCode();
            RuleFor(c => c.IndustryCode).MustBeIndustryCode();
            RuleFor(c => c.EstablishedOn)
                .GreaterThanOrEqualTo(EarliestFounding)
                .WithMessage("establishedOn is required and must be a real founding date.")
                .Must(d => d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .WithMessage("establishedOn cannot be in the future.");
            RuleFor(c => c.RegisteredCapital).MustBeMoney().GreaterThan(0);
            RuleFor(c => c.Employees).InclusiveBetween(0, 1_000_000);
        }
    }

    /// <summary>
    /// A registration is a pending claim: it holds no USCC and builds no profile, so registering tells nobody whether the
    /// firm is on the platform or what its data says. Only a USCC a verified registration holds is refused (409), under
    /// the same per-USCC lock that verification takes, so a registration cannot slip past a verification under way.
    /// </summary>
    public sealed class Handler(FinanceMatchDbContext db, CredentialIssuer credentials, TimeProvider clock)
        : IRequestHandler<Command, RegisteredEnterprise>
    {
        public async ValueTask<RegisteredEnterprise> Handle(Command c, CancellationToken ct)
        {
            var ownTransaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(ct)
                : null;
            await VerificationDecision.LockUsccAsync(db, c.Uscc, ct);
            if (
                await db.Enterprises.AnyAsync(
                    e => e.Uscc == c.Uscc && e.Verification == Core.Enterprises.EnterpriseVerification.Verified,
                    ct
                )
            )
                throw new ConflictException("A verified enterprise already holds this USCC.");
            var enterprise = Enterprise.Register(
                c.Uscc,
                c.Name,
                c.LegalRepresentative,
                c.DivisionCode,
                c.IndustryCode,
                c.EstablishedOn,
                c.RegisteredCapital,
                c.Employees,
                clock.GetUtcNow()
            );
            db.Enterprises.Add(enterprise);
            var (credential, secret) = credentials.IssueInto(
                db,
                DomainRole.Enterprise,
                enterprise.Id,
                actorClientId: null
            );
            await db.SaveChangesAsync(ct);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
                await ownTransaction.DisposeAsync();
            }
            var e = enterprise;
            return new RegisteredEnterprise(
                e.Id,
                e.Uscc,
                e.Name,
                e.LegalRepresentative,
                e.DivisionCode,
                e.IndustryCode,
                e.EstablishedOn,
                e.RegisteredCapital,
                e.Employees,
                e.RegisteredAt,
                e.Verification.Map<Client.Contracts.EnterpriseVerification>(),
                credential.ClientId,
                secret
            );
        }
    }

    internal static async Task<Created<RegisteredEnterprise>> Endpoint(
        RegisterEnterpriseBody body,
        ISender sender,
        CancellationToken ct
    )
    {
        var registered = await sender.Send(
            new Command(
                Normalise(body.Uscc),
                body.Name,
                body.LegalRepresentative,
                body.DivisionCode,
                Normalise(body.IndustryCode),
                body.EstablishedOn,
                body.RegisteredCapital,
                body.Employees
            ),
            ct
        );
        return TypedResults.Created($"/api/v1/enterprises/{registered.Id}", registered);
    }

    private static string Normalise(string? code) => code?.Trim().ToUpperInvariant() ?? "";
}

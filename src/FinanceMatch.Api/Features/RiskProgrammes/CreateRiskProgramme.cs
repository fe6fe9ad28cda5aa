using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Profiles;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainRiskProgramme = FinanceMatch.Core.RiskProgrammes.RiskProgramme;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// An operator (for any department) or a department (for itself) defines a risk-compensation programme: its budget, the
/// share of a loss it repays, the cap per loan, which loans it covers, the claim window and its validity. Loans paid out
/// from then on enrol in it when it covers them.
/// </summary>
public static class CreateRiskProgramme
{
    public sealed record Command(Caller Caller, CreateRiskProgrammeBody Body) : IRequest<RiskProgrammeDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<CreateRiskProgrammeBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Name).NotEmpty().MaximumLength(200);
            RuleFor(b => b.Budget).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.CoverageRatio)
                .GreaterThan(0)
                .LessThanOrEqualTo(1)
                .PrecisionScale(5, 4, ignoreTrailingZeros: true)
                .WithMessage("coverageRatio is the share of a loss repaid, above 0 and at most 1 (0.4 for 40%).");
            RuleFor(b => b.CapPerLoan).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.ClaimWindowDays).InclusiveBetween(1, 3650);
            RuleFor(b => b.ValidTo)
                .GreaterThanOrEqualTo(b => b.ValidFrom)
                .WithMessage("validTo cannot be before validFrom.");
            When(
                b => b.Eligibility is not null,
                () =>
                {
                    RuleFor(b => b.Eligibility!.Grades)
                        .Must(g => g is null || g.Count <= 20)
                        .WithMessage("At most 20 grades.");
                    RuleForEach(b => b.Eligibility!.Grades)
                        .NotNull()
                        .Must(g => ScoringModel.Newest.IsGrade(g?.Trim().ToUpperInvariant()))
                        .WithMessage(
                            $"A grade is one of {string.Join(", ", ScoringModel.Newest.Grades.Select(g => g.Grade))}."
                        );
                    RuleFor(b => b.Eligibility!.ProductIds)
                        .Must(p => p is null || p.Count <= 100)
                        .WithMessage("At most 100 products.");
                    RuleFor(b => b.Eligibility!.DivisionPrefixes)
                        .Must(p => p is null || p.Count <= 100)
                        .WithMessage("At most 100 division prefixes.");
                    RuleForEach(b => b.Eligibility!.DivisionPrefixes).MustBeDivisionPrefix();
                    RuleFor(b => b.Eligibility!.IndustryPrefixes)
                        .Must(p => p is null || p.Count <= 100)
                        .WithMessage("At most 100 industry prefixes.");
                    RuleForEach(b => b.Eligibility!.IndustryPrefixes).MustBeIndustryPrefix();
                }
            );
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, RiskProgrammeDto>
    {
        public async ValueTask<RiskProgrammeDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            var departmentId = await Departments.DepartmentAccess.OwningDepartmentAsync(
                db,
                command.Caller,
                body.DepartmentId,
                "programme",
                cancellationToken
            );
            var programme = DomainRiskProgramme.Create(
                body.Name,
                departmentId,
                body.Budget,
                body.CoverageRatio,
                body.CapPerLoan,
                body.Eligibility.ToDomain(),
                body.ClaimWindowDays,
                body.ValidFrom,
                body.ValidTo,
                clock.GetUtcNow()
            );
            db.RiskProgrammes.Add(programme);
            await db.SaveChangesAsync(cancellationToken);
            return programme.ToDto();
        }
    }

    internal static async Task<Created<RiskProgrammeDto>> Endpoint(
        CreateRiskProgrammeBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var programme = await sender.Send(new Command(caller, body), ct);
        return TypedResults.Created($"/api/v1/risk-programmes/{programme.Id}", programme);
    }
}

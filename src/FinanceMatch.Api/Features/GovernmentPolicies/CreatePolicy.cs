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
using DomainPolicy = FinanceMatch.Core.Policies.Policy;
using DomainPolicyKind = FinanceMatch.Core.Policies.PolicyKind;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// An operator (for a department) or a department (for itself) defines a policy: what it pays (an interest or
/// guarantee-fee subsidy in percentage points for some months, or a first-loan bonus), whom (the matching engine's rules),
/// its budget, cap per loan and period. Matching records it on the matches it applies to from then on.
/// </summary>
public static class CreatePolicy
{
    public sealed record Command(Caller Caller, CreatePolicyBody Body) : IRequest<PolicyDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<CreatePolicyBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Name).NotEmpty().MaximumLength(200);
            RuleFor(b => b.Kind).IsInEnum();
            RuleFor(b => b.Description).MaximumLength(2000);
            RuleFor(b => b.Budget).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.CapPerLoan).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.ValidTo)
                .GreaterThanOrEqualTo(b => b.ValidFrom)
                .WithMessage("validTo cannot be before validFrom.");
            RuleFor(b => b.SubsidyRate)
                .GreaterThan(0)
                .LessThanOrEqualTo(10)
                .PrecisionScale(7, 4, ignoreTrailingZeros: true)
                .WithMessage("subsidyRate is in percentage points, above 0 and at most 10.");
            RuleFor(b => b.SubsidyMonths).InclusiveBetween(1, DomainPolicy.MaxSubsidyMonths);
            RuleFor(b => b.BonusAmount!.Value)
                .MustBeMoney()
                .GreaterThan(0)
                .OverridePropertyName("bonusAmount")
                .When(b => b.BonusAmount is not null);
            When(
                b => b.Eligibility is not null,
                () =>
                {
                    RuleFor(b => b.Eligibility!.MinGrade)
                        .Must(g => g is null || ScoringModel.Newest.IsGrade(g.Trim().ToUpperInvariant()))
                        .WithMessage(
                            $"minGrade is one of {string.Join(", ", ScoringModel.Newest.Grades.Select(g => g.Grade))}."
                        );
                    RuleFor(b => b.Eligibility!.DivisionPrefixes)
                        .Must(p => p is null || p.Count <= 100)
                        .WithMessage("At most 100 division prefixes.");
                    RuleForEach(b => b.Eligibility!.DivisionPrefixes).MustBeDivisionPrefix();
                    RuleFor(b => b.Eligibility!.IndustryPrefixes)
                        .Must(p => p is null || p.Count <= 100)
                        .WithMessage("At most 100 industry prefixes.");
                    RuleForEach(b => b.Eligibility!.IndustryPrefixes).MustBeIndustryPrefix();
                    RuleFor(b => b.Eligibility!.Lists)
                        .Must(l => l is null || l.Count <= 20)
                        .WithMessage("At most 20 lists.");
                    RuleFor(b => b.Eligibility!.ProductTags)
                        .Must(t => t is null || t.Count <= 20)
                        .WithMessage("At most 20 product tags.");
                    RuleForEach(b => b.Eligibility!.ProductTags).NotEmpty().MaximumLength(50);
                }
            );
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, PolicyDto>
    {
        public async ValueTask<PolicyDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var body = command.Body;
            var departmentId = await Departments.DepartmentAccess.OwningDepartmentAsync(
                db,
                command.Caller,
                body.DepartmentId,
                "policy",
                ct
            );
            var eligibility = body.Eligibility.ToDomain();
            var lists = eligibility.Lists.ToList();
            // A policy names only lists its own department keeps: another department's list may not even be visible to it.
            if (
                lists.Count > 0
                && await db.Lists.CountAsync(l => lists.Contains(l.Id) && l.DepartmentId == departmentId, ct)
                    != lists.Count
            )
                throw UnprocessableException.For(
                    "eligibility.lists",
                    "A policy names only lists its department keeps."
                );
            var policy = DomainPolicy.Create(
                departmentId,
                body.Name,
                body.Kind.Map<DomainPolicyKind>(),
                body.Description,
                eligibility,
                body.SubsidyRate,
                body.SubsidyMonths,
                body.BonusAmount,
                body.CapPerLoan,
                body.Budget,
                body.ValidFrom,
                body.ValidTo,
                clock.GetUtcNow()
            );
            db.Policies.Add(policy);
            await db.SaveChangesAsync(ct);
            return policy.ToDtoFor(command.Caller);
        }
    }

    internal static async Task<Created<PolicyDto>> Endpoint(
        CreatePolicyBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var policy = await sender.Send(new Command(caller, body), ct);
        return TypedResults.Created($"/api/v1/policies/{policy.Id}", policy);
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using DomainGuaranteeProduct = FinanceMatch.Core.Guarantees.GuaranteeProduct;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>A guarantor or insurer drafts a guarantee product; a bank is refused (it publishes loan products).</summary>
public static class CreateGuaranteeProduct
{
    public sealed record Command(Caller Caller, GuaranteeProductBody Body) : IRequest<GuaranteeProductDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<GuaranteeProductBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Name).NotEmpty().MaximumLength(200);
            RuleFor(b => b.Description).MaximumLength(2000);
            RuleFor(b => b.CoverageRatio)
                .GreaterThan(0)
                .LessThanOrEqualTo(1)
                .PrecisionScale(5, 4, ignoreTrailingZeros: true)
                .WithMessage("coverageRatio is the share of the loan covered, above 0 and at most 1 (0.8 for 80%).");
            RuleFor(b => b.AnnualFeeRate)
                .GreaterThanOrEqualTo(0)
                .LessThanOrEqualTo(10)
                .PrecisionScale(6, 4, ignoreTrailingZeros: true)
                .WithMessage("annualFeeRate is a percentage of the guaranteed principal a year, 0 to 10.");
            RuleFor(b => b.MinAmount).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.MaxAmount)
                .MustBeMoney()
                .GreaterThanOrEqualTo(b => b.MinAmount)
                .WithMessage("maxAmount must be at least minAmount.");
            RuleFor(b => b.Capacity).MustBeMoney().GreaterThan(0);
            RuleFor(b => b.DivisionPrefixes)
                .Must(p => p is null || p.Count <= 100)
                .WithMessage("At most 100 division prefixes.");
            RuleForEach(b => b.DivisionPrefixes).MustBeDivisionPrefix();
            RuleFor(b => b.IndustryPrefixes)
                .Must(p => p is null || p.Count <= 100)
                .WithMessage("At most 100 industry prefixes.");
            RuleForEach(b => b.IndustryPrefixes).MustBeIndustryPrefix();
            RuleFor(b => b.Eligibility!).SetValidator(new EligibilityRules()).When(b => b.Eligibility is not null);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, GuaranteeProductDto>
    {
        public async ValueTask<GuaranteeProductDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var institutionId = await GuaranteeAccess.RequireGuarantorAsync(db, command.Caller, cancellationToken);
            var product = DomainGuaranteeProduct.Create(institutionId, command.Body.ToTerms(), clock.GetUtcNow());
            db.GuaranteeProducts.Add(product);
            await db.SaveChangesAsync(cancellationToken);
            return product.ToDto(command.Caller);
        }
    }

    internal static async Task<Created<GuaranteeProductDto>> Endpoint(
        GuaranteeProductBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var product = await sender.Send(new Command(caller, body), ct);
        return TypedResults.Created($"/api/v1/guarantee-products/{product.Id}", product);
    }
}

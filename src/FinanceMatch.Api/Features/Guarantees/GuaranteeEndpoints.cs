using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Guarantees;

public static class GuaranteeEndpoints
{
    public static void MapGuaranteeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/guarantee-products").WithTags("Guarantees");
        group
            .MapPost("", CreateGuaranteeProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "A guarantor or insurer drafts a guarantee product: coverage, annual fee, loan amounts, capacity, eligibility (banks: 403)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 422);
        group
            .MapGet("", ListGuaranteeProducts.Endpoint)
            .AllowAnonymous()
            .WithSummary("Published guarantee products (public), and a guarantor's own drafts, newest first")
            .ProducesValidationProblem();
        group
            .MapGet("/{id:guid}", GetGuaranteeProduct.Endpoint)
            .AllowAnonymous()
            .WithSummary("One guarantee product (published: anyone; a draft: its institution)")
            .Produces<GuaranteeProductDto>()
            .ProducesProblems(404);
        group
            .MapPost("/{id:guid}/publish", PublishGuaranteeProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("Offer a draft or withdrawn guarantee product: draft | withdrawn → published")
            .Produces<GuaranteeProductDto>()
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/{id:guid}/withdraw", WithdrawGuaranteeProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("Stop offering a guarantee product: published → withdrawn")
            .Produces<GuaranteeProductDto>()
            .ProducesProblems(401, 403, 404, 409);
    }
}

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

        var guarantees = app.MapGroup("/api/v1/guarantees").WithTags("Guarantees");
        guarantees
            .MapGet("", ListGuarantees.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary(
                "Guarantees (政银担), newest first: a guarantor's inbox (?status=pending) and book, those a bank's matches rely on, a firm's own, all for operators"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        guarantees
            .MapGet("/{id:guid}", GetGuarantee.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary("One guarantee (its guarantor, the banks whose matches rely on it, its firm, operators)")
            .Produces<GuaranteeDto>()
            .ProducesProblems(401, 403, 404);
        guarantees
            .MapPost("/{id:guid}/approve", ApproveGuarantee.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "The guarantor takes the loan on, holding its amount against the product's capacity: pending → approved (409 when the capacity is taken up)"
            )
            .Produces<GuaranteeDto>()
            .ProducesProblems(401, 403, 404, 409);
        guarantees
            .MapPost("/{id:guid}/decline", DeclineGuarantee.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "The guarantor refuses, with a reason; the offers relying on it are withdrawn: pending → declined"
            )
            .Produces<GuaranteeDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        guarantees
            .MapPost("/{id:guid}/claim", ClaimGuarantee.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "The lending bank claims the covered share of its loss on the defaulted loan, before any programme: active → claimed"
            )
            .Produces<GuaranteeDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);
        guarantees
            .MapPost("/{id:guid}/pay", PayGuaranteeClaim.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("The guarantor pays the claim, freeing its capacity: claimed → paid")
            .Produces<GuaranteeDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        guarantees
            .MapPost("/{id:guid}/reject-claim", RejectGuaranteeClaim.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("The guarantor refuses the claim, with a note: claimed → claimRejected")
            .Produces<GuaranteeDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Products;

public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/products").WithTags("Products");
        group
            .MapPost("", CreateProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithIdempotency()
            .WithSummary("Create a loan product as a draft (banks)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapPut("/{id:guid}", UpdateProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "Replace a product's terms as a new version; matches keep the version they were made from (its own bank)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/{id:guid}/publish", PublishProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("Put a draft or withdrawn product in the catalogue (its own bank)")
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/{id:guid}/withdraw", WithdrawProduct.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("Take a published product out of the catalogue (its own bank)")
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapGet("", ListProducts.Endpoint)
            .AllowAnonymous()
            .WithSummary(
                "The public catalogue: published products, cheapest first, filtered by amount, term, guarantee type, institution and tag; with eligibleFor=me (a firm's token), the products the firm passes now, best fit first, each with its fitScore"
            )
            .ProducesValidationProblem()
            .ProducesProblems(403);
        group
            .MapGet("/mine", ListOwnProducts.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("The calling bank's own products in every state, newest first")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/{id:guid}", GetProduct.Endpoint)
            .AllowAnonymous()
            .WithSummary(
                "One product: published ones for anyone; drafts and withdrawn ones for their bank and operators"
            )
            .Produces<ProductDto>()
            .ProducesProblems(404);
        group
            .MapGet("/{id:guid}/versions/{version:int}", GetProductVersion.Endpoint)
            .AllowAnonymous()
            .WithSummary(
                "The terms of one version of a product, for whoever may see the product or holds a match made from that version"
            )
            .Produces<ProductVersionDto>()
            .ProducesProblems(404);
    }
}

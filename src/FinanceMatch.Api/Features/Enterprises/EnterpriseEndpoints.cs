using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Enterprises;

public static class EnterpriseEndpoints
{
    public static void MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises");
        group.MapPost("", RegisterEnterprise.Endpoint)
            .AllowAnonymous()
            .WithIdempotency()
            .WithSummary("A firm registers itself; returns its credentials once")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListEnterprises.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("List registered firms (operators), optionally by USCC")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:guid}", GetEnterprise.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary("One firm (the firm itself, operators; banks only with the firm's active consent)")
            .Produces<EnterpriseDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

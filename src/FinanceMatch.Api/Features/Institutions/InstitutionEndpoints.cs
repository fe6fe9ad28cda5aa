using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Institutions;

public static class InstitutionEndpoints
{
    public static void MapInstitutionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/institutions").WithTags("Institutions");
        group.MapPost("", CreateInstitution.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithIdempotency()
            .WithSummary("Onboard a financial institution (operators); returns its credentials once")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListInstitutions.Endpoint)
            .RequireAuthorization()
            .WithSummary("List institutions (public fields)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/{id:guid}", GetInstitution.Endpoint)
            .RequireAuthorization()
            .WithSummary("One institution (public fields)")
            .Produces<InstitutionDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

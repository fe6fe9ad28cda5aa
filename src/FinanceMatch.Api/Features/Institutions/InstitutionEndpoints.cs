using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Institutions;

public static class InstitutionEndpoints
{
    public static void MapInstitutionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/institutions").WithTags("Institutions");
        group
            .MapPost("", CreateInstitution.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithIdempotency()
            .WithSummary("Onboard a financial institution (operators); returns its credentials once")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409, 422);
        group
            .MapGet("", ListInstitutions.Endpoint)
            .RequireAuthorization()
            .WithSummary("List institutions (public fields)")
            .ProducesValidationProblem()
            .ProducesProblems(401);
        group
            .MapGet("/{id:guid}", GetInstitution.Endpoint)
            .RequireAuthorization()
            .WithSummary("One institution (public fields)")
            .Produces<InstitutionDto>()
            .ProducesProblems(401, 404);
    }
}

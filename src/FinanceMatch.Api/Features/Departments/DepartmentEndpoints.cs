using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Departments;

public static class DepartmentEndpoints
{
    public static void MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/departments").WithTags("Departments");
        group
            .MapPost("", CreateDepartment.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithIdempotency()
            .WithSummary(
                "Onboard a government department with the feed types it may push (operators); returns its credentials once"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409, 422);
        group
            .MapGet("", ListDepartments.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("List departments (operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/{id:guid}", GetDepartment.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary("One department (operators, or the department itself)")
            .Produces<DepartmentDto>()
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/{id:guid}/transfer-records", TransferDepartmentRecords.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "Hand every record the department supplied to its successor (a merger of offices; operators, logged)"
            )
            .Produces<RecordTransferDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);
    }
}

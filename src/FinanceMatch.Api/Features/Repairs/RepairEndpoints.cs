using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Repairs;
using Microsoft.OpenApi;

namespace FinanceMatch.Api.Features.Repairs;

public static class RepairEndpoints
{
    /// <summary>Five files of 2 MiB and the form's text fields.</summary>
    private const long MaxFormBytes = RepairEvidence.MaxFiles * (long)RepairEvidence.MaxFileBytes + 64 * 1024;

    public static void MapRepairEndpoints(this IEndpointRouteBuilder app)
    {
        var enterprise = app.MapGroup("/api/v1/enterprises/{id:guid}/repair-requests").WithTags("Credit repair");
        enterprise
            .MapPost("", FileRepairRequest.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            // The form is described, not declared with Accepts: a declared type makes routing answer 415 before the
            // caller is authenticated, and a squatter must meet the verification gate first like everywhere else.
            .AddOpenApiOperationTransformer(
                async (operation, context, ct) =>
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["multipart/form-data"] = new()
                            {
                                Schema = await context.GetOrCreateSchemaAsync(typeof(RepairRequestForm), null, ct),
                            },
                        },
                    }
            )
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFormBytes))
            .WithMetadata(
                new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxFormBytes }
            )
            .WithSummary(
                "Ask to repair a penalty that still counts (信用修复): decisionNo, statement and up to 5 PDF, PNG or JPEG files of at most 2 MiB (the firm itself)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 413, 415, 422);
        enterprise
            .MapGet("", ListRepairRequests.EnterpriseEndpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's repair requests, newest first (the firm itself, operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);

        var requests = app.MapGroup("/api/v1/repair-requests").WithTags("Credit repair");
        requests
            .MapGet("", ListRepairRequests.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Repair requests, oldest first: on the department's own penalties (a department), every one (operators)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        requests
            .MapGet("/{id:guid}", GetRepairRequest.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrDepartment)
            .WithSummary("One repair request (its firm, the penalty's department, operators)")
            .ProducesProblems(401, 403, 404);
        requests
            .MapGet("/{id:guid}/attachments/{position:int}", GetRepairRequest.AttachmentEndpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrDepartment)
            .WithSummary("A file of evidence as uploaded (its firm, the penalty's department, operators)")
            .ProducesProblems(401, 403, 404);
        requests
            .MapPost("/{id:guid}/approve", DecideRepairRequest.ApproveEndpoint)
            .RequireAuthorization(Policies.Department)
            .WithSummary(
                "Approve a repair: the penalty stops counting today and the profile is rebuilt (the penalty's department)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        requests
            .MapPost("/{id:guid}/reject", DecideRepairRequest.RejectEndpoint)
            .RequireAuthorization(Policies.Department)
            .WithSummary("Refuse a repair, saying why (the penalty's department)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }

    /// <summary>The form of a repair request, for the OpenAPI document.</summary>
    public sealed record RepairRequestForm(string DecisionNo, string Statement, IFormFileCollection Files);
}

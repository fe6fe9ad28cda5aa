using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Consents;

public static class ConsentEndpoints
{
    public static void MapConsentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{id:guid}/consents").WithTags("Consents");
        group
            .MapPost("", GrantConsent.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithIdempotency()
            .WithSummary(
                "Grant a consent to a named institution or to the banks matched to a loan request (the firm itself)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 422);
        group
            .MapGet("", ListConsents.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's consents, newest first (the firm itself, operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        var enterprise = app.MapGroup("/api/v1/enterprises/{id:guid}").WithTags("Consents");
        enterprise
            .MapGet("/report", GetReport.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "A firm's authorised report: banks under a consent in force for the purpose asked (loanAssessment by default), "
                    + "the consented scopes only; operators for supervision; records of the last 24 months; every read is appended to the firm's access chain"
            )
            .RequireRateLimiting(RateLimits.ReportReadPolicy)
            .Produces<ReportDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 503);
        enterprise
            .MapGet("/report-accesses", ListReportAccesses.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary(
                "Every read of a firm's credit data, oldest first, each record chained to the one before by SHA-256 (the firm itself, operators)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        app.MapGet("/api/v1/audit/report-accesses/verify", VerifyAccessChains.Endpoint)
            .WithTags("Consents")
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "Recompute every firm's access chain; lists the records whose hash, predecessor or position does not fit (operators)"
            )
            .Produces<AccessChainVerificationDto>()
            .ProducesProblems(401, 403);
        group
            .MapDelete("/{consentId:guid}", RevokeConsent.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary("Revoke a consent at once: the next read under it is refused (the firm itself)")
            .ProducesProblems(401, 403, 404);
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Profiles;

public static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Credit profiles");
        api.MapGet("/scoring-model", GetScoringModel.Endpoint)
            .AllowAnonymous()
            .WithSummary(
                "The scoring model in force, or ?version= any version the platform keeps: grade bands, dimensions, factors, weights, bands and grade caps (public)"
            )
            .ProducesProblems(404);
        api.MapPost("/scoring-model/switch-overs", SwitchScoringModel.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "Move the platform to another model version: in force at once, every firm rebuilt in steps with progress, both versions' scores in each history (operators)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409, 422);
        api.MapGet("/scoring-model/switch-overs", GetModelSwitchOver.ListEndpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Every switch-over, newest first (operators)")
            .ProducesProblems(401, 403);
        api.MapGet("/scoring-model/switch-overs/{id:guid}", GetModelSwitchOver.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("A switch-over and its progress: done of total firms (operators)")
            .ProducesProblems(401, 403, 404);
        api.MapGet("/scoring-model/performance", GetScoringModelPerformance.Endpoint)
            .AllowAnonymous()
            .WithSummary(
                "How each model version's scores at disbursement predicted defaults, for loans disbursed at least observationMonths (default 12) ago: default rate by grade, AUC, Gini and KS with 95% intervals (public, aggregates only)"
            )
            .Produces<ModelPerformanceDto>()
            .ProducesValidationProblem();
        api.MapGet("/enterprises/{id:guid}/profile", GetProfile.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's credit profile with the factors that explain it (the firm itself, operators)")
            .ProducesProblems(401, 403, 404);
        api.MapPost("/enterprises/{id:guid}/profile/what-if", SimulateProfile.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary(
                "What-if (the firm): its score and grade under the published model with changed inputs (tax paid, revenue, insured employees, arrears cleared), factor by factor; with an ask, the products that match now and would then"
            )
            .Produces<ProfileWhatIfDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        api.MapGet("/enterprises/{id:guid}/profile/history", GetProfileHistory.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's past scores and grades, newest first")
            .ProducesProblems(401, 403, 404);
        api.MapPost("/profiles/recompute", RecomputeProfiles.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "Rebuild every profile (operators): 202 with the recompute and its Location; while one is queued or running, that one (the same id) rather than another"
            )
            .ProducesProblems(401, 403);
        api.MapGet("/profiles/recomputes", GetProfileRecompute.ListEndpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("The latest recomputes, the nightly ones among them, newest first (operators)")
            .ProducesProblems(401, 403);
        api.MapGet("/profiles/recomputes/{id:guid}", GetProfileRecompute.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "A recompute and its progress: status (queued, running, completed, failed), firms done of total (operators)"
            )
            .ProducesProblems(401, 403, 404);
    }
}

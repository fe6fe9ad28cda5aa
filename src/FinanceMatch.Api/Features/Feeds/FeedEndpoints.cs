using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Feeds;

public static class FeedEndpoints
{
    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/v1/feeds").WithTags("Data feeds");
        feeds
            .MapPost("/{feedType}/batches", ReceiveBatch.Endpoint)
            .RequireAuthorization(Policies.DepartmentOrBank)
            .WithSummary(
                "Push a batch of records (departments: their feed types; banks: loanPerformance, their own loans): "
                    + "application/json array, application/x-ndjson or text/csv; honours Idempotency-Key; up to 1,000,000 rows "
                    + "(200,000 for loanPerformance) and 256 MiB"
            )
            .Accepts<string>("application/json", "application/x-ndjson", "text/csv")
            .Produces<BatchDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409, 413, 415, 422);
        feeds
            .MapGet("/batches", ListBatches.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary("The caller's batches, newest first (operators: all), by feedType and status")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        feeds
            .MapGet("/batches/{id:guid}", GetBatch.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary("One batch with its status, counts and progress (the pushing department or bank, operators)")
            .ProducesProblems(401, 403, 404);
        feeds
            .MapGet("/batches/{id:guid}/errors", ListBatchErrors.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary("The rejected rows of a batch: row number, field and reason")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        feeds
            .MapGet("/batches/{id:guid}/errors/export", ExportBatchErrors.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary(
                "All the rejected rows of a batch, in row order, streamed as CSV (UTF-8 with BOM) or XLSX: ?format=csv|xlsx (the pushing department or bank, operators)"
            )
            .IsExport()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);

        var sources = app.MapGroup("/api/v1/feed-sources")
            .WithTags("Data feeds")
            .RequireAuthorization(Policies.Operator);
        sources
            .MapPost("", CreateFeedSource.Endpoint)
            .WithIdempotency()
            .WithSummary("Register a department server to pull a feed type from on a cron schedule (operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 422);
        sources
            .MapGet("", ListFeedSources.Endpoint)
            .WithSummary("List pull sources (operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        sources
            .MapGet("/{id:guid}", GetFeedSource.Endpoint)
            .WithSummary("One pull source with its cursor and last outcome (operators)")
            .Produces<FeedSourceDto>()
            .ProducesProblems(401, 403, 404);
        sources
            .MapPost("/{id:guid}/run", RunFeedSource.Endpoint)
            .WithSummary("Pull now, outside the schedule (operators)")
            .ProducesProblems(401, 403, 404);
    }
}

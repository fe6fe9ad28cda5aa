namespace FinanceMatch.Api.Infrastructure;

/// <summary>Response metadata shared by every area's route table.</summary>
public static class EndpointConventions
{
    /// <summary>The problem+json answers an endpoint may give, by status code, in the order given.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
            builder.ProducesProblem(statusCode);
        return builder;
    }
}

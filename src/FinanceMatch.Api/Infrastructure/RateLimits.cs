using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using FinanceMatch.Api.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Request limits (<c>RateLimits:*</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Token requests per minute from one address: the strictest, since it is where secrets are guessed.</summary>
    public int TokenRequestsPerMinute { get; set; } = 20;

    /// <summary>A signed-in client's burst: requests it may make at once.</summary>
    public int ClientBurst { get; set; } = 200;

    /// <summary>A signed-in client's sustained rate, requests per second.</summary>
    public int ClientRequestsPerSecond { get; set; } = 50;

    /// <summary>Requests per minute from one address without a token (registration, the catalogue, the dashboard).</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// Pings and redeliveries per minute from one client: each is a POST the platform makes to an address the bank chose,
    /// on the queue every bank's deliveries share, so they are few.
    /// </summary>
    public int WebhookTestsPerMinute { get; set; } = 10;

    /// <summary>Downloads (CSV, XLSX exports) one client may have running at once.</summary>
    public int ConcurrentExports { get; set; } = 2;

    /// <summary>
    /// Report reads the API runs at once, every caller together (later ones wait their turn, oldest first). A read locks
    /// each monthly partition of four feeds it reads, about 230 relations: past a few at a time per core PostgreSQL's lock
    /// manager is the bottleneck and throughput collapses (docs/PERFORMANCE.md, "Report reads take turns"). Twice
    /// the machine's processors by default.
    /// </summary>
    public int ConcurrentReportReads { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Report reads that may wait for a turn; one more is refused with 503 and Retry-After.</summary>
    public int ReportReadQueue { get; set; } = 500;
}

/// <summary>
/// Per-client rate limits: a signed-in caller is limited by its own client id (a token bucket), so one bank's burst never
/// spends another's allowance; anonymous calls by address; the token endpoint hardest of all. A refusal is 429
/// problem+json with Retry-After. Health checks are never limited.
/// </summary>
public static class RateLimits
{
    public const string TokenPolicy = "token";

    /// <summary>Exports: <see cref="RateLimitOptions.ConcurrentExports"/> at once a client.</summary>
    public const string ExportPolicy = "export";

    /// <summary>Pings and redeliveries: <see cref="RateLimitOptions.WebhookTestsPerMinute"/> a client.</summary>
    public const string WebhookTestPolicy = "webhook-test";

    /// <summary>
    /// Report reads: <see cref="RateLimitOptions.ConcurrentReportReads"/> at once for the whole API, the rest queued;
    /// a refusal (the queue full) is 503, the platform's capacity and not the caller's allowance.
    /// </summary>
    public const string ReportReadPolicy = "report-read";

    public static IServiceCollection AddFinanceMatchRateLimits(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        var section = configuration.GetSection("RateLimits");
        // A developer's machine and the test run send everything from one address; limits there only when configured.
        var limits =
            section.Exists() || !(environment.IsDevelopment() || environment.IsEnvironment("Testing"))
                ? section.Get<RateLimitOptions>() ?? new RateLimitOptions()
                : Unlimited;
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (http.Request.Path.StartsWithSegments("/health"))
                    return RateLimitPartition.GetNoLimiter("health");
                if (http.User.Identity?.IsAuthenticated == true)
                    return RateLimitPartition.GetTokenBucketLimiter(
                        $"client:{http.User.ClientIdOf()}",
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = limits.ClientBurst,
                            TokensPerPeriod = limits.ClientRequestsPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        }
                    );
                return RateLimitPartition.GetFixedWindowLimiter(
                    $"address:{Address(http)}",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.AnonymousRequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                );
            });
            options.AddPolicy(
                TokenPolicy,
                http =>
                    RateLimitPartition.GetFixedWindowLimiter(
                        $"token:{Address(http)}",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limits.TokenRequestsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }
                    )
            );
            options.AddPolicy(
                WebhookTestPolicy,
                http =>
                    RateLimitPartition.GetFixedWindowLimiter(
                        // Anonymous callers are refused by the route's policy next; they share one partition here.
                        http.User.Identity?.IsAuthenticated == true
                            ? $"webhook-test:{http.User.ClientIdOf()}"
                            : "webhook-test:anonymous",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limits.WebhookTestsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }
                    )
            );
            options.AddPolicy(
                ExportPolicy,
                http =>
                    RateLimitPartition.GetConcurrencyLimiter(
                        http.User.Identity?.IsAuthenticated == true
                            ? $"export:{http.User.ClientIdOf()}"
                            : "export:anonymous",
                        _ => new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentExports, QueueLimit = 0 }
                    )
            );
            options.AddPolicy(
                ReportReadPolicy,
                _ =>
                    RateLimitPartition.GetConcurrencyLimiter(
                        "report-reads",
                        _ => new ConcurrencyLimiterOptions
                        {
                            PermitLimit = limits.ConcurrentReportReads,
                            QueueLimit = limits.ReportReadQueue,
                            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                        }
                    )
            );
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                Telemetry.RateLimitRefusals.Add(1);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? wait
                    : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var busy =
                    context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
                    == ReportReadPolicy;
                response.StatusCode = busy
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status429TooManyRequests;
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(
                    new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = busy
                            ? new ProblemDetails
                            {
                                Status = StatusCodes.Status503ServiceUnavailable,
                                Title = "The platform is busy",
                                Detail =
                                    $"Every report read's turn is taken and {limits.ReportReadQueue} more wait; try again in {seconds} s.",
                            }
                            : new ProblemDetails
                            {
                                Status = StatusCodes.Status429TooManyRequests,
                                Title = "Too many requests",
                                Detail = $"This client has used its allowance of requests; try again in {seconds} s.",
                            },
                    }
                );
            };
        });
        return services;
    }

    /// <summary>
    /// Per-client allowances lifted; the report reads' turns stay as configured or by default: they protect the
    /// database's capacity, not one caller from another.
    /// </summary>
    private static readonly RateLimitOptions Unlimited = new()
    {
        TokenRequestsPerMinute = 1_000_000,
        ClientBurst = 1_000_000,
        ClientRequestsPerSecond = 1_000_000,
        AnonymousRequestsPerMinute = 1_000_000,
        WebhookTestsPerMinute = 1_000_000,
        ConcurrentExports = 1_000_000,
    };

    private static string Address(HttpContext http) => (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
}

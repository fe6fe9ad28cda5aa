using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace FinanceMatch.Api.Infrastructure;

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }
}

internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllEntriesFromHash("financematch:health");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The Hangfire job storage is not reachable.", e));
        }
    }
}

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(
                "/health/live",
                new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }
            )
            .WithTags("Health")
            .AllowAnonymous();
        app.MapHealthChecks(
                "/health/ready",
                new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync }
            )
            .WithTags("Health")
            .AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(
            http.Response.Body,
            new
            {
                status = report.Status.ToString().ToLowerInvariant(),
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new
                    {
                        status = e.Value.Status.ToString().ToLowerInvariant(),
                        description = e.Value.Description,
                    }
                ),
            }
        );
    }
}

/// <summary>
/// For processes that serve no HTTP (the worker role): the readiness checks run every 15 seconds and, while they pass, the
/// file named by <c>Health:HeartbeatFile</c> is touched. A container's health check (<see cref="ContainerProbe"/>) calls
/// the worker healthy while the file is fresh.
/// </summary>
internal sealed class HeartbeatFile(string path) : IHealthCheckPublisher
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    public static void AddIfConfigured(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Health:HeartbeatFile"] is not { Length: > 0 } path)
            return;
        services.AddSingleton<IHealthCheckPublisher>(new HeartbeatFile(path));
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = Period;
            o.Predicate = c => c.Tags.Contains("ready");
        });
    }

    public Task PublishAsync(HealthReport report, CancellationToken ct)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(
                path,
                DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)
            );
        }
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// docs/RELIABILITY.md, "Telemetry": with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, an API process sends its spans and
/// metrics to that collector by OTLP (here over HTTP/protobuf to a stand-in collector on loopback).
/// </summary>
public sealed class OtlpExportTests
{
    [Test]
    public async Task WithAnOtlpEndpoint_TheProcessExportsItsSpansAndMetrics()
    {
        var received = new ConcurrentQueue<(string Path, long Bytes)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost(
            "/v1/{signal}",
            async (HttpContext http, string signal) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                received.Enqueue(($"/v1/{signal}", body.Length));
                return Results.Ok();
            }
        );
        await collector.StartAsync();

        await using var database = await TestDatabase.CreateAsync();
        await using var api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Services.ListeningAddress(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            }
        );
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        // A request that is traced (health checks are not): a refused sign-in.
        using var refused = await http.PostAsJsonAsync(
            new Uri("/api/v1/auth/token", UriKind.Relative),
            new TokenBody("nobody", "not-a-secret")
        );
        Assert.That((int)refused.StatusCode, Is.EqualTo(401));

        await Eventually.HoldsAsync(
            () =>
                Task.FromResult(
                    received.Any(r => r.Path == "/v1/traces" && r.Bytes > 0)
                        && received.Any(r => r.Path == "/v1/metrics" && r.Bytes > 0)
                ),
            TimeSpan.FromSeconds(30),
            "no spans or metrics reached the collector"
        );
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// A department's records server on loopback: pages keyed by cursor, and failures on demand, for testing pulls.
/// </summary>
public sealed class FakeDepartmentServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (JsonArray Records, string? Next)> pages = new();
    private int failuresLeft;
    private readonly ConcurrentDictionary<string, int> failuresAtCursor = new();

    public ConcurrentQueue<(string? Cursor, string? FeedType, string? Limit, string? ApiKey)> Requests { get; } = new();
    public string BaseUrl { get; private set; } = "";

    private FakeDepartmentServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet(
            "/dept/records",
            (HttpContext http) =>
            {
                var cursor = http.Request.Query["cursor"].ToString();
                Requests.Enqueue(
                    (
                        cursor.Length == 0 ? null : cursor,
                        http.Request.Query["feedType"],
                        http.Request.Query["limit"],
                        http.Request.Headers["X-Api-Key"]
                    )
                );
                if (Interlocked.Decrement(ref failuresLeft) >= 0)
                    return Results.StatusCode(503);
                if (failuresAtCursor.TryGetValue(cursor, out var left) && left > 0)
                {
                    failuresAtCursor[cursor] = left - 1;
                    return Results.StatusCode(500);
                }
                var page = pages.GetValueOrDefault(cursor, (new JsonArray(), null));
                return Results.Json(
                    new JsonObject { ["records"] = page.Records.DeepClone(), ["nextCursor"] = page.Next }
                );
            }
        );
    }

    public static async Task<FakeDepartmentServer> StartAsync()
    {
        var server = new FakeDepartmentServer();
        await server.app.StartAsync();
        server.BaseUrl = $"{server.app.Services.ListeningAddress()}/dept";
        return server;
    }

    /// <summary>The page answered for <paramref name="cursor"/> (null: the first page).</summary>
    public void Page(string? cursor, JsonArray records, string? next) => pages[cursor ?? ""] = (records, next);

    /// <summary>The next <paramref name="count"/> requests answer 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    /// <summary>The next <paramref name="count"/> requests for <paramref name="cursor"/> answer 500.</summary>
    public void FailAt(string cursor, int count) => failuresAtCursor[cursor] = count;

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

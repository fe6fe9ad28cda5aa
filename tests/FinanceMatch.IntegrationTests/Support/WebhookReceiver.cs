using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>A bank's webhook endpoint on loopback: records every request's headers and raw body, and fails on demand.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;
    private int hangsLeft;
    private TimeSpan hang;

    public sealed record Received(
        string Body,
        string? Signature,
        string? EventId,
        string? Event,
        string? Attempt,
        string? ContentType,
        string? WebhookId = null,
        string? WebhookTimestamp = null,
        string? WebhookSignature = null,
        string? TraceParent = null
    );

    public ConcurrentQueue<Received> Requests { get; } = new();
    public string Url { get; private set; } = "";

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost(
            "/hooks/financematch",
            async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                var headers = http.Request.Headers;
                Requests.Enqueue(
                    new Received(
                        body,
                        headers["X-FinanceMatch-Signature"],
                        headers["X-FinanceMatch-Event-Id"],
                        headers["X-FinanceMatch-Event"],
                        headers["X-FinanceMatch-Delivery-Attempt"],
                        http.Request.ContentType,
                        headers["webhook-id"],
                        headers["webhook-timestamp"],
                        headers["webhook-signature"],
                        headers["traceparent"]
                    )
                );
                if (Interlocked.Decrement(ref hangsLeft) >= 0)
                    await Task.Delay(hang, http.RequestAborted);
                return Interlocked.Decrement(ref failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
            }
        );
    }

    /// <summary>The next <paramref name="count"/> requests get no answer for <paramref name="delay"/> (or until the caller goes away).</summary>
    public void HangNext(int count, TimeSpan delay)
    {
        hang = delay;
        Interlocked.Exchange(ref hangsLeft, count);
    }

    /// <summary>The next <paramref name="count"/> requests are answered 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.app.StartAsync();
        receiver.Url = $"{receiver.app.Services.ListeningAddress()}/hooks/financematch";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

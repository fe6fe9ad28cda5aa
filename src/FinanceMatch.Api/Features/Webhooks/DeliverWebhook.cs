using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Webhooks;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// Posts one delivery: takes it (a lease, so no second worker posts it at the same time), POSTs the stored body signed
/// with the webhook's secret, and writes the attempt to the log. A 2xx delivers it; anything else schedules the next
/// attempt with exponential backoff, until the last one fails it. Deliveries are at least once: a worker that dies after
/// the POST but before writing the result lets another post it again, with the same event id for the receiver to drop.
/// </summary>
public static partial class DeliverWebhook
{
    public const string HttpClientName = "webhooks";

    /// <summary>Deprecated (no timestamp: a captured delivery could be replayed); use the Standard Webhooks headers.</summary>
    public const string SignatureHeader = "X-FinanceMatch-Signature";

    public const string WebhookIdHeader = "webhook-id";
    public const string WebhookTimestampHeader = "webhook-timestamp";
    public const string WebhookSignatureHeader = "webhook-signature";

    public sealed record Command(Guid DeliveryId) : IRequest<DeliveryStatus?>;

    public sealed partial class Handler(
        FinanceMatchDbContext db,
        SecretProtector protector,
        IHttpClientFactory httpClients,
        IBackgroundJobClient jobs,
        IOptions<WebhookOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, DeliveryStatus?>
    {
        public async ValueTask<DeliveryStatus?> Handle(Command command, CancellationToken cancellationToken)
        {
            var settings = options.Value;
            var now = clock.GetUtcNow();
            var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
            var taken = await db
                .WebhookDeliveries.Where(d =>
                    d.Id == command.DeliveryId
                    && d.Status == DeliveryStatus.Pending
                    && d.NextAttemptAt <= now
                    && (d.LeaseUntil == null || d.LeaseUntil < now)
                )
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, leaseUntil), cancellationToken);
            if (taken == 0)
            {
                // Delivered, failed, or another worker holds it: nothing to do. Not yet due: Hangfire schedules to the
                // second and may wake a job early, so it is scheduled again, safely after the due time.
                var due = await db
                    .WebhookDeliveries.AsNoTracking()
                    .Where(d =>
                        d.Id == command.DeliveryId && d.Status == DeliveryStatus.Pending && d.NextAttemptAt > now
                    )
                    .Select(d => (DateTimeOffset?)d.NextAttemptAt)
                    .SingleOrDefaultAsync(cancellationToken);
                if (due is { } later)
                    jobs.Schedule<Job>(job => job.Run(command.DeliveryId, CancellationToken.None), later.AddSeconds(1));
                return null;
            }

            var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == command.DeliveryId, cancellationToken);
            var webhook = await db
                .Webhooks.AsNoTracking()
                .SingleOrDefaultAsync(w => w.Id == delivery.WebhookId, cancellationToken);
            if (webhook is null)
                return null; // deleted meanwhile; its deliveries go with it

            var attempt = delivery.Attempts + 1;
            var (statusCode, error, milliseconds) = await PostAsync(webhook, delivery, attempt, cancellationToken);
            var finished = clock.GetUtcNow();
            db.WebhookDeliveryAttempts.Add(
                new WebhookDeliveryAttempt
                {
                    DeliveryId = delivery.Id,
                    Attempt = attempt,
                    StatusCode = statusCode,
                    Error = error,
                    StartedAt = now,
                    DurationMilliseconds = milliseconds,
                }
            );
            delivery.Attempts = attempt;
            delivery.LastStatusCode = statusCode;
            delivery.LastError = error;
            delivery.LeaseUntil = null;
            if (statusCode is >= 200 and < 300)
            {
                delivery.Status = DeliveryStatus.Delivered;
                delivery.DeliveredAt = finished;
            }
            else if (attempt >= delivery.AttemptsAllowed(settings.MaxAttempts))
            {
                delivery.Status = DeliveryStatus.Failed;
            }
            else
            {
                delivery.NextAttemptAt = finished + settings.RetryDelay(attempt);
            }
            await db.SaveChangesAsync(cancellationToken);
            Telemetry.WebhookDeliveries.Add(
                1,
                new KeyValuePair<string, object?>(
                    "outcome",
                    delivery.Status switch
                    {
                        DeliveryStatus.Delivered => "delivered",
                        DeliveryStatus.Pending => "retrying",
                        _ => "failed",
                    }
                )
            );
            if (delivery.Status == DeliveryStatus.Pending)
                jobs.Schedule<Job>(job => job.Run(delivery.Id, CancellationToken.None), delivery.NextAttemptAt);
            LogAttempt(logger, delivery.Id, attempt, statusCode, error, delivery.Status);
            return delivery.Status;
        }

        private async Task<(int? StatusCode, string? Error, int Milliseconds)> PostAsync(
            Webhook webhook,
            WebhookDelivery delivery,
            int attempt,
            CancellationToken ct
        )
        {
            var body = Encoding.UTF8.GetBytes(delivery.Payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            // Standard Webhooks: the event's id (the same on every retry and redelivery, for the receiver's
            // deduplication), the time of this attempt (a receiver refuses one older than five minutes: a captured
            // delivery cannot be replayed later) and a v1 signature over both and the body for each secret valid now,
            // keyed with the UTF-8 bytes of the secret: the current one, and for a while after a rotation the previous
            // one too, space-separated, so a receiver still holding the previous secret verifies the delivery.
            var id = delivery.EventId.ToString();
            var sentAt = clock.GetUtcNow();
            var secrets = webhook
                .SecretsValidAt(sentAt)
                .Select(stored => protector.Unprotect(SecretPurpose.WebhookSecret, stored))
                .ToList();
            request.Headers.Add(WebhookIdHeader, id);
            request.Headers.Add(
                WebhookTimestampHeader,
                sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
            request.Headers.Add(
                WebhookSignatureHeader,
                string.Join(
                    " ",
                    secrets.Select(secret =>
                        new StandardWebhooks.StandardWebhook(Encoding.UTF8.GetBytes(secret)).Sign(
                            id,
                            sentAt,
                            delivery.Payload
                        )
                    )
                )
            );
            // Deprecated, kept for one release: the body's HMAC alone, without a timestamp, with the current secret only.
            request.Headers.Add(SignatureHeader, Signature(secrets[0], body));
            request.Headers.Add(
                "X-FinanceMatch-Event",
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(delivery.EventType.ToString())
            );
            request.Headers.Add("X-FinanceMatch-Event-Id", delivery.EventId.ToString());
            request.Headers.Add(
                "X-FinanceMatch-Delivery-Attempt",
                attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await httpClients
                    .CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                return (
                    (int)response.StatusCode,
                    response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}",
                    Elapsed(started)
                );
            }
            catch (Exception e)
                when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
            {
                var message = e is TaskCanceledException ? "timed out" : e.Message;
                return (null, message.Length > 500 ? message[..500] : message, Elapsed(started));
            }
        }

        private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "Webhook delivery {DeliveryId} attempt {Attempt}: {StatusCode} {Error} → {Status}"
        )]
        private static partial void LogAttempt(
            ILogger logger,
            Guid deliveryId,
            int attempt,
            int? statusCode,
            string? error,
            DeliveryStatus status
        );
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body with the webhook's secret.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public sealed class Job(ISender sender)
    {
        // Retries are this job's own (backoff in the delivery row); Hangfire's would repeat an attempt already logged.
        [Queue(JobQueues.Webhooks)]
        [AutomaticRetry(Attempts = 0)]
        public Task Run(Guid deliveryId, CancellationToken ct) => sender.Send(new Command(deliveryId), ct).AsTask();
    }
}

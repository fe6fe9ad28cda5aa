using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// FinanceMatch's own spans and metrics (docs/RELIABILITY.md, "Telemetry"). Spans: one per Hangfire job, child of the
/// span that enqueued it (<see cref="Jobs.TraceContextJobFilter"/>), and one per loan request matched, child of the API
/// call that posted the request. Metrics: the domain counters below, exported by OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and always scrapeable at <c>/metrics</c> (operators).
/// </summary>
public static class Telemetry
{
    public const string Name = "FinanceMatch";

    public static readonly ActivitySource Source = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Feed rows processed; tags <c>feed</c> and <c>outcome</c> (accepted, rejected).</summary>
    public static readonly Counter<long> FeedRows = Meter.CreateCounter<long>(
        "financematch.feed.rows",
        "{row}",
        "Feed rows processed, by feed and outcome (accepted or rejected)"
    );

    /// <summary>Time to process one batch; tags <c>feed</c> and <c>status</c>.</summary>
    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>(
        "financematch.feed.batch.duration",
        "s",
        "Time to process one feed batch, by feed and final status"
    );

    /// <summary>Credit profiles rebuilt (computed and written; the rebuild's transaction may still roll back).</summary>
    public static readonly Counter<long> ProfilesRebuilt = Meter.CreateCounter<long>(
        "financematch.profiles.rebuilt",
        "{profile}",
        "Credit profiles rebuilt"
    );

    /// <summary>Matches created by the matching engine.</summary>
    public static readonly Counter<long> MatchesCreated = Meter.CreateCounter<long>(
        "financematch.matches.created",
        "{match}",
        "Matches created by the matching engine"
    );

    /// <summary>From a match's creation to the bank's decision; tag <c>decision</c> (approved, declined).</summary>
    public static readonly Histogram<double> MatchDecisionLatency = Meter.CreateHistogram<double>(
        "financematch.match.decision.latency",
        "s",
        "Time from a match's creation to the bank's approval or decline",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [60, 600, 3600, 4 * 3600, 86400, 3 * 86400, 7 * 86400, 14 * 86400, 30 * 86400],
        }
    );

    /// <summary>Webhook delivery attempts; tag <c>outcome</c> (delivered, retrying, failed: the last attempt failed).</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "financematch.webhook.deliveries",
        "{attempt}",
        "Webhook delivery attempts, by outcome"
    );

    /// <summary>Credit reports read; tag <c>reader</c> (bank, operator).</summary>
    public static readonly Counter<long> ReportReads = Meter.CreateCounter<long>(
        "financematch.reports.read",
        "{report}",
        "Credit reports read under a consent (banks) or for review (operators)"
    );

    /// <summary>Requests refused with 429 by a rate limit (no tags: paths and addresses are unbounded).</summary>
    public static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "financematch.ratelimit.refusals",
        "{request}",
        "Requests refused with 429 by a rate limit"
    );

    /// <summary>A processed batch: its rows by outcome and its duration.</summary>
    public static void RecordBatch(string feed, string status, int accepted, int rejected, TimeSpan duration)
    {
        var feedTag = new KeyValuePair<string, object?>("feed", feed);
        FeedRows.Add(accepted, feedTag, new("outcome", "accepted"));
        FeedRows.Add(rejected, feedTag, new("outcome", "rejected"));
        BatchDuration.Record(duration.TotalSeconds, feedTag, new("status", status));
    }

    /// <summary>A bank's decision on a match, <paramref name="waited"/> after the match was created.</summary>
    public static void RecordMatchDecision(string decision, TimeSpan waited) =>
        MatchDecisionLatency.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("decision", decision));

    /// <summary>The current span's W3C <c>traceparent</c>, to continue its trace later (null outside a span).</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// A span in the trace of <paramref name="traceParent"/> (work done now for something a caller started earlier,
    /// e.g. matching a posted loan request), linked to the current span (the job doing it); without a trace parent, a
    /// child of the current span.
    /// </summary>
    public static Activity? StartFollowing(string name, string? traceParent)
    {
        if (!ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
            return Source.StartActivity(name);
        ActivityLink[]? links = Activity.Current is { } current ? [new ActivityLink(current.Context)] : null;
        return Source.StartActivity(name, ActivityKind.Internal, parent, links: links);
    }
}

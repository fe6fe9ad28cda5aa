using System.Diagnostics;
using FinanceMatch.Api.Infrastructure;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace FinanceMatch.Api.Jobs;

/// <summary>
/// Carries the W3C trace context through Hangfire: a job enqueued inside a span (an API call, another job) keeps that
/// span's <c>traceparent</c> as a job parameter, and its run is a span of the same trace. So one loan request's trace
/// goes from the API call through the matching run into each webhook delivery, across processes, and every log line a
/// job writes has the trace id. Jobs enqueued outside any span (recurring ones) start traces of their own.
/// </summary>
public sealed class TraceContextJobFilter : JobFilterAttribute, IClientFilter, IServerFilter
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    private const string ActivityItem = "financematch:activity";

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } current)
            return;
        context.SetJobParameter(TraceParent, current.Id);
        // tracestate is the caller's, bounded here as W3C bounds it (32 members, 512 characters are what must be kept).
        if (current.TraceStateString is { Length: > 0 and <= 512 })
            context.SetJobParameter(TraceState, current.TraceStateString);
    }

    public void OnCreated(CreatedContext context) { }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        ActivityContext.TryParse(
            context.GetJobParameter<string>(TraceParent, allowStale: true),
            context.GetJobParameter<string>(TraceState, allowStale: true),
            isRemote: true,
            out var parent
        );
        var activity = Telemetry.Source.StartActivity(
            $"job {job.Type.DeclaringType?.Name ?? job.Type.Name}.{job.Method.Name}",
            ActivityKind.Consumer,
            parent
        );
        if (activity is null)
            return;
        activity.SetTag("messaging.system", "hangfire");
        activity.SetTag("messaging.message.id", context.BackgroundJob.Id);
        activity.SetTag("messaging.destination.name", job.Queue ?? "default");
        context.Items[ActivityItem] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(ActivityItem, out var item) || item is not Activity activity)
            return;
        if (context.Exception is { } e && !context.ExceptionHandled)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            activity.AddException(e);
        }
        activity.Dispose();
    }
}

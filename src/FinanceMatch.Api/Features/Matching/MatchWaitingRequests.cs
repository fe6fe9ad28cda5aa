using System.Diagnostics;
using FinanceMatch.Api.Jobs;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Options;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>
/// A matching run, the Hangfire job behind every match: it matches requests one by one, each in its own transaction,
/// until none is waiting. A request that fails is logged and left waiting for a later run (this run passes over it), so
/// one bad request cannot hold up the others. After <see cref="MatchingOptions.RequestsPerRun"/> requests a run hands over
/// to a new one, so no job runs for ever under sustained load.
/// </summary>
public static partial class MatchWaitingRequests
{
    public sealed class Job(
        IServiceScopeFactory scopes,
        MatchingTrigger trigger,
        IBackgroundJobClient jobs,
        IOptions<MatchingOptions> options,
        ILogger<Job> logger
    )
    {
        /// <param name="slot">The trigger slot that enqueued this run, freed as it starts; null for a run the sweep enqueued.</param>
        /// <param name="ct">Hangfire's cancellation (server shutdown).</param>
        [Queue(JobQueues.Matching)]
        [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 15, 60, 300])]
        public async Task Run(string? slot, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            if (slot is not null)
                await trigger.FreeAsync(slot, ct);
            var failed = new List<Guid>();
            var matched = 0;
            var limit = options.Value.RequestsPerRun;
            while (matched + failed.Count < limit)
            {
                // A scope (and so a DbContext) per request: nothing one request tracked, or left half-saved by a failure,
                // reaches the next.
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    if (
                        await scope
                            .ServiceProvider.GetRequiredService<ISender>()
                            .Send(new RunMatching.Command(failed), ct)
                        is null
                    )
                        break;
                    matched++;
                }
                catch (RunMatching.FailedException e)
                {
                    failed.Add(e.LoanRequestId);
                    LogFailed(logger, e.InnerException, e.LoanRequestId);
                }
            }
            if (matched + failed.Count >= limit)
                jobs.Enqueue<Job>(job => job.Run(null, CancellationToken.None));
            LogRun(logger, matched, failed.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Matching loan request {LoanRequestId} failed; it stays waiting for a later run"
    )]
    private static partial void LogFailed(ILogger logger, Exception? exception, Guid loanRequestId);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Matching run: {Matched} requests matched, {Failed} failed, in {Milliseconds:0} ms"
    )]
    private static partial void LogRun(ILogger logger, int matched, int failed, double milliseconds);
}

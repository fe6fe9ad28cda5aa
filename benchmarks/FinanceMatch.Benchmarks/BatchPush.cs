using System.Diagnostics;
using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Benchmarks;

/// <summary>A CSV file pushed as one batch and followed until it ends: the time from the first byte, with progress.</summary>
internal static class BatchPush
{
    public sealed record Result(double Seconds, double UploadSeconds, long PeakRss, BatchDto Batch);

    /// <summary>Pushes <paramref name="csvPath"/> as a <paramref name="feedType"/> batch; fails unless it completes without a rejected row.</summary>
    public static async Task<Result> PushAndWaitAsync(
        FinanceMatchClient client,
        ApiProcess api,
        FeedType feedType,
        string csvPath
    )
    {
        api.ResetPeak();
        await using var file = File.OpenRead(csvPath);
        var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var clock = Stopwatch.StartNew();
        var queued = await client.Feeds.PushAsync(feedType, content);
        var upload = clock.Elapsed.TotalSeconds;
        BatchDto batch;
        var lastProgress = -1d;
        while (true)
        {
            batch = await client.Feeds.GetBatchAsync(queued.Id);
            if (batch.Status is BatchStatus.Completed or BatchStatus.CompletedWithErrors or BatchStatus.Failed)
                break;
            if (batch.Progress - lastProgress >= 0.2)
            {
                Console.WriteLine(
                    $"  {clock.Elapsed.TotalSeconds, 6:0.0} s  {batch.Status}  progress {batch.Progress:P0}  rows so far {batch.TotalRows:N0}"
                );
                lastProgress = batch.Progress;
            }
            await Task.Delay(50);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"  {seconds, 6:0.0} s  {batch.Status}: {batch.AcceptedRows:N0} accepted, {batch.RejectedRows:N0} rejected {batch.FailureReason}"
        );
        if (batch.Status != BatchStatus.Completed)
            throw new InvalidOperationException($"The batch ended {batch.Status}: {batch.FailureReason}");
        return new(seconds, upload, api.PeakRssBytes, batch);
    }
}

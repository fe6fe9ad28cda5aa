using System.Net.Http.Headers;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

public static class Batches
{
    public const string Csv = "text/csv";
    public const string Json = "application/json";
    public const string Ndjson = "application/x-ndjson";

    public static HttpContent Body(string text, string contentType) =>
        new StringContent(text, new UTF8Encoding(false), new MediaTypeHeaderValue(contentType) { CharSet = null });

    public static Task<BatchDto> PushAsync(
        FinanceMatchClient department,
        FeedType feedType,
        string text,
        string contentType,
        string? key = null
    ) => department.Feeds.PushAsync(feedType, Body(text, contentType), key);

    /// <summary>Waits for the batch's job to finish it, and returns it.</summary>
    public static async Task<BatchDto> FinishedAsync(FinanceMatchClient client, Guid batchId)
    {
        BatchDto? batch = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                batch = await client.Feeds.GetBatchAsync(batchId);
                return batch.Status is BatchStatus.Completed or BatchStatus.CompletedWithErrors or BatchStatus.Failed;
            },
            TimeSpan.FromSeconds(30),
            $"batch {batchId} did not finish"
        );
        return batch!;
    }

    public static string Month(int monthsAgo) =>
        DateTime.UtcNow.AddMonths(-monthsAgo).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

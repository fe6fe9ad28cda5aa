using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>docs/RELIABILITY.md, "Telemetry": the metrics an operator scrapes, and one loan request's trace.</summary>
public sealed class TelemetryTests
{
    [Test]
    public async Task Metrics_AreForOperators_AndTheDomainCountersMove_WhenARequestIsMatched_AndDecided()
    {
        var operatorClient = await TestRun.OperatorAsync();
        var bank = await Actors.BankAsync();
        Assert.That(await StatusOfMetricsAsync(TestRun.Anonymous()), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusOfMetricsAsync(bank.Client), Is.EqualTo(HttpStatusCode.Forbidden));

        var before = await ScrapeAsync(operatorClient);
        var band = Band();
        await PublishedAsync(bank.Client, Product(band));
        var request = await MatchedAsync((await Actors.EnterpriseAsync()).Client, Request(band));
        var match = MatchOf(request, bank);
        await bank.Client.Matches.DeclineAsync(
            match.Id,
            new DeclineMatchBody("Outside our appetite this quarter.", DeclineReasonCode.Other)
        );

        var after = await ScrapeAsync(operatorClient);
        Assert.That(
            after,
            Does.Not.Contain("Host=").And.Not.Contain("Username=").And.Not.Contain("Database="),
            "no connection string as a label"
        );
        Assert.That(
            Sum(after, "financematch_matches_created_total"),
            Is.GreaterThanOrEqualTo(Sum(before, "financematch_matches_created_total") + 1),
            () => string.Join('\n', after.Split('\n').Where(l => l.Contains("financematch", StringComparison.Ordinal)))
        );
        Assert.That(
            Sum(after, "financematch_match_decision_latency_seconds_count", "decision=\"declined\""),
            Is.GreaterThanOrEqualTo(
                Sum(before, "financematch_match_decision_latency_seconds_count", "decision=\"declined\"") + 1
            )
        );
        Assert.That(
            Sum(after, "financematch_profiles_rebuilt_total"),
            Is.GreaterThan(0),
            "the firm's profile was built before it could ask"
        );
    }

    [Test]
    public async Task OneLoanRequestsTrace_RunsFromTheApiCall_ThroughTheMatchingRun_IntoTheWebhookDelivery()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FinanceMatch",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                    spans.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], "telemetry-webhook-secret-0123")
        );
        var band = Band();
        await PublishedAsync(bank.Client, Product(band));
        var firm = await Actors.EnterpriseAsync();
        // The firm's own HTTP client, sending a W3C trace context as a caller inside a trace of its own would.
        var traced = await TestRun.SignInAsync(firm.Created.ClientId, firm.Created.ClientSecret!);
        traced.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await MatchedAsync(traced, Request(band));

        await Eventually.HoldsAsync(
            () => Task.FromResult(!receiver.Requests.IsEmpty),
            TimeSpan.FromSeconds(20),
            "the match was not delivered to the bank's webhook"
        );
        var delivery = receiver.Requests.Single();
        Assert.That(
            delivery.TraceParent,
            Does.StartWith($"00-{traceId}-"),
            "the delivery continues the caller's trace"
        );
        await Eventually.HoldsAsync(
            () =>
                Task.FromResult(
                    spans.Any(s => s.OperationName.StartsWith("job DeliverWebhook", StringComparison.Ordinal))
                ),
            TimeSpan.FromSeconds(10),
            "the delivery job's span ended in the caller's trace"
        );
        var names = spans.Select(s => s.OperationName).ToList();
        Assert.That(names, Does.Contain("match loan request"), string.Join(", ", names));
        Assert.That(names, Has.Some.StartsWith("job ExpandWebhookEvent"), string.Join(", ", names));
        var matched = spans.First(s => s.OperationName == "match loan request");
        Assert.That(matched.Links.Count(), Is.EqualTo(1), "linked to the matching run that did the work");
    }

    private static async Task<HttpStatusCode> StatusOfMetricsAsync(FinanceMatchClient client)
    {
        using var response = await client.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<string> ScrapeAsync(FinanceMatchClient operatorClient)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await operatorClient.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples in Prometheus's text format, over the series whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string scrape, string metric, string? label = null) =>
        scrape
            .Split('\n')
            .Where(line =>
                (
                    line.StartsWith(metric + " ", StringComparison.Ordinal)
                    || line.StartsWith(metric + "{", StringComparison.Ordinal)
                ) && (label is null || line.Contains(label, StringComparison.Ordinal))
            )
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

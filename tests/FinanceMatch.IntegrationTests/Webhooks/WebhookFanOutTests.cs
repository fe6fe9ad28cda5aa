using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Webhooks;

/// <summary>The matching transaction writes one outbox row per event; the delivery side makes a delivery per webhook.</summary>
public sealed class WebhookFanOutTests
{
    [Test]
    public async Task AMatch_IsOneOutboxRow_ExpandedIntoADeliveryPerWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        for (var i = 0; i < 3; i++)
            await bank.Client.Webhooks.RegisterAsync(
                new RegisterWebhookBody(
                    receiver.Url + $"?n={i}",
                    [WebhookEvent.MatchCreated],
                    "fan-out-secret-0123456789"
                )
            );
        var band = Band();
        await PublishedAsync(bank.Client, Product(band));
        var firm = await Actors.EnterpriseAsync();

        var match = MatchOf(await MatchedAsync(firm.Client, Request(band)), bank);

        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.webhook_outbox WHERE id = $1", match.Id),
            Is.EqualTo(1)
        );
        await Eventually.HoldsAsync(
            async () =>
                await Sql.ScalarAsync<long>(
                    "SELECT count(*) FROM financematch.webhook_deliveries WHERE event_id = $1",
                    match.Id
                ) == 3,
            TimeSpan.FromSeconds(20),
            "not expanded"
        );
        await Eventually.HoldsAsync(
            () => Task.FromResult(receiver.Requests.Count(r => r.EventId == match.Id.ToString()) == 3),
            TimeSpan.FromSeconds(20),
            "not every webhook got the event"
        );
    }

    [Test]
    public async Task AnEventLeftUnexpanded_IsExpandedByTheSweep()
    {
        var bank = await Actors.BankAsync();
        await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/hook", [WebhookEvent.MatchCreated], "fan-out-secret-0123456789")
        );
        var eventId = Guid.NewGuid();
        // As a process that died between the matching commit and enqueueing the expansion leaves it.
        await Sql.ExecuteAsync(
            """
            INSERT INTO financematch.webhook_outbox (id, institution_id, event_type, payload, occurred_at) VALUES ($1, $2, 'MatchCreated', '{}', now() - interval '1 minute')
            """,
            eventId,
            bank.Created.Id
        );

        TestRun.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(SweepWebhookDeliveries.RecurringJobId);

        await Eventually.HoldsAsync(
            async () =>
                await Sql.ScalarAsync<long>(
                    "SELECT count(*) FROM financematch.webhook_deliveries WHERE event_id = $1",
                    eventId
                ) == 1,
            TimeSpan.FromSeconds(30),
            "the sweep did not expand it"
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.webhook_outbox WHERE id = $1 AND expanded_at IS NOT NULL",
                eventId
            ),
            Is.EqualTo(1)
        );
    }
}

using FinanceMatch.Api.Features.Retention;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>The nightly retention round removes exactly what has passed its time, records either side of each boundary.</summary>
[NonParallelizable]
public sealed class RetentionTests
{
    [Test]
    public async Task Retention_RemovesWhatHasPassedItsTime_AndKeepsWhatHasNot()
    {
        var department = await Actors.DepartmentAsync(FeedType.Penalty, FeedType.Judicial);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var uscc = Usccs.Next();
        string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fiveYears = today.AddYears(-5);
        var penalties = string.Join(
            '\n',
            new[]
            {
                ("OLD-REVOKED", fiveYears.AddYears(-2), (DateOnly?)fiveYears.AddDays(-1)), // ended a day past five years: goes
                ("OLD-BUT-RECENTLY-REVOKED", fiveYears.AddYears(-2), fiveYears.AddDays(1)), // ended within five years: stays
                ("OLD-DECIDED", fiveYears.AddDays(-1), null), // never revoked, decided past five years: goes
                ("RECENT", fiveYears.AddDays(1), null), // stays
            }.Select(p =>
                $$"""{"uscc":"{{uscc}}","decisionNo":"{{p.Item1}}-{{uscc}}","decidedOn":"{{Date(p.Item2)}}","authority":"Bureau","severity":"general","amount":100{{(p.Item3 is { } r ? $",\"revokedOn\":\"{Date(r)}\"" : "")}}}"""
            )
        );
        await Batches.FinishedAsync(
            department.Client,
            (await Batches.PushAsync(department.Client, FeedType.Penalty, penalties, Batches.Ndjson)).Id
        );
        var cases = string.Join(
            '\n',
            new[]
            {
                ("CLOSED-LONG-AGO", fiveYears.AddYears(-1), (DateOnly?)fiveYears.AddDays(-1)),
                ("OPEN-FILED-LONG-AGO", fiveYears.AddDays(-1), null),
                ("OPEN-RECENT", fiveYears.AddDays(1), null),
            }.Select(c =>
                $$"""{"uscc":"{{uscc}}","caseNo":"{{c.Item1}}-{{uscc}}","filedOn":"{{Date(c.Item2)}}","kind":"enforcement","amount":100{{(c.Item3 is { } d ? $",\"closedOn\":\"{Date(d)}\"" : "")}}}"""
            )
        );
        await Batches.FinishedAsync(
            department.Client,
            (await Batches.PushAsync(department.Client, FeedType.Judicial, cases, Batches.Ndjson)).Id
        );
        // Seizures of real estate: released more than five years ago (goes), released since (stays), standing (stays);
        // a mortgage is no adverse record and stays however old.
        var registry = await Actors.DepartmentAsync(FeedType.RealEstate);
        var estates = new[]
        {
            ("SEIZED-LONG-AGO", "seizure", (DateOnly?)fiveYears.AddDays(-1)),
            ("SEIZED-RELEASED-SINCE", "seizure", fiveYears.AddDays(1)),
            ("SEIZED-STANDING", "seizure", null),
            ("MORTGAGE-RELEASED-LONG-AGO", "mortgage", fiveYears.AddDays(-1)),
        }.Select(e =>
            $"{uscc},{e.Item1}-{uscc},{e.Item2},1000,{Date(fiveYears.AddYears(-2))},{(e.Item3 is { } r ? Date(r) : "")}"
        );
        await Batches.FinishedAsync(
            registry.Client,
            (
                await Batches.PushAsync(
                    registry.Client,
                    FeedType.RealEstate,
                    "uscc,certificateNo,kind,amount,registeredOn,releasedOn\n" + string.Join('\n', estates),
                    Batches.Csv
                )
            ).Id
        );
        // A batch received past the payload retention, and a finished webhook delivery past its body's retention.
        var oldBatch = await Batches.PushAsync(
            department.Client,
            FeedType.Penalty,
            $$"""{"uscc":"{{uscc}}","decisionNo":"PAYLOAD-{{uscc}}","decidedOn":"{{Date(today)}}","authority":"Bureau","severity":"minor","amount":1}""",
            Batches.Ndjson
        );
        await Batches.FinishedAsync(department.Client, oldBatch.Id);
        await Sql.ExecuteAsync(
            "UPDATE financematch.feed_batches SET received_at = now() - interval '91 days' WHERE id = $1",
            oldBatch.Id
        );

        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(
                "http://127.0.0.1:9/hook",
                [WebhookEvent.MatchCreated],
                "retention-secret-0123456789"
            )
        );
        var (oldDelivery, newDelivery) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (id, age) in new[] { (oldDelivery, "31 days"), (newDelivery, "29 days") })
            await Sql.ExecuteAsync(
                $"""
                INSERT INTO financematch.webhook_deliveries (id, webhook_id, institution_id, event_id, event_type, payload, status, attempts, next_attempt_at,
                    created_at, delivered_at)
                VALUES ($1, $2, $3, gen_random_uuid(), 'MatchCreated', '{"{}"}', 'Delivered', 1, now() - interval '{age}', now() - interval '{age}', now() - interval '{age}')
                """,
                id,
                webhook.Id,
                bank.Created.Id
            );

        using var scope = TestRun.App.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyRetention.Command());

        Assert.That(
            await Strings("SELECT decision_no FROM financematch.penalty_records WHERE uscc = $1 ORDER BY 1", uscc),
            Is.EqualTo(new[] { $"OLD-BUT-RECENTLY-REVOKED-{uscc}", $"PAYLOAD-{uscc}", $"RECENT-{uscc}" })
        );
        Assert.That(
            await Strings("SELECT case_no FROM financematch.judicial_records WHERE uscc = $1 ORDER BY 1", uscc),
            Is.EqualTo(new[] { $"OPEN-RECENT-{uscc}" })
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.feed_batch_chunks WHERE batch_id = $1",
                oldBatch.Id
            ),
            Is.Zero
        );
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.feed_batches WHERE id = $1", oldBatch.Id),
            Is.EqualTo(1),
            "the batch and its figures stay; only the raw payload goes"
        );
        Assert.That(
            await Strings(
                "SELECT certificate_no FROM financematch.real_estate_records WHERE uscc = $1 ORDER BY 1",
                uscc
            ),
            Is.EqualTo(
                new[]
                {
                    $"MORTGAGE-RELEASED-LONG-AGO-{uscc}",
                    $"SEIZED-RELEASED-SINCE-{uscc}",
                    $"SEIZED-STANDING-{uscc}",
                }
            )
        );
        Assert.That(result.Seizures, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.Penalties, Is.GreaterThanOrEqualTo(2));
        Assert.That(result.JudicialRecords, Is.GreaterThanOrEqualTo(2));
        Assert.That(
            await Strings("SELECT payload FROM financematch.webhook_deliveries WHERE id = $1", oldDelivery),
            Is.EqualTo(new[] { "" }),
            "a finished delivery's body goes after 30 days; the delivery log stays"
        );
        Assert.That(
            await Strings("SELECT payload FROM financematch.webhook_deliveries WHERE id = $1", newDelivery),
            Is.EqualTo(new[] { "{}" })
        );
        var again = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyRetention.Command());
        Assert.That(
            (again.Penalties, again.JudicialRecords, again.PayloadChunks, again.WebhookPayloads, again.Seizures),
            Is.EqualTo((0, 0, 0, 0, 0)),
            "a second round removes nothing more"
        );
    }

    private static async Task<string[]> Strings(string sql, object parameter)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestRun.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result.Add(reader.GetString(0));
        return [.. result];
    }
}

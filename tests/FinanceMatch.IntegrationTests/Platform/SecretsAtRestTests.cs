using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>No secret is stored in plain text: client secrets are hashed; signing keys, webhook secrets and feed-source API keys are encrypted.</summary>
public sealed class SecretsAtRestTests
{
    [Test]
    public async Task EveryTable_HoldsNoPlaintextSecret()
    {
        var bank = await Actors.BankAsync();
        var webhookSecret = "webhook-secret-" + Guid.NewGuid().ToString("N");
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/hook", [WebhookEvent.MatchCreated], webhookSecret)
        );
        // Rotated: the new secret and the previous one, which still signs, are both kept.
        var rotatedWebhookSecret = (await bank.Client.Webhooks.RotateSecretAsync(webhook.Id)).Secret;
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var apiKey = "feed-api-key-" + Guid.NewGuid().ToString("N");
        var @operator = await TestRun.OperatorAsync();
        await @operator.Feeds.CreateSourceAsync(
            new CreateFeedSourceBody(department.Created.Id, FeedType.Tax, "http://127.0.0.1:9", "0 0 1 1 *", apiKey)
        );
        var firm = await Actors.EnterpriseAsync();
        string[] secrets =
        [
            webhookSecret,
            rotatedWebhookSecret,
            apiKey,
            bank.Created.ClientSecret!,
            department.Created.ClientSecret!,
            firm.Created.ClientSecret!,
        ];

        var found = new List<string>();
        await using var connection = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (
            var list = new NpgsqlCommand(
                """
                SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
                WHERE table_schema IN ('financematch', 'hangfire') AND table_type = 'BASE TABLE'
                """,
                connection
            )
        )
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        foreach (var table in tables)
        foreach (var secret in secrets)
        {
            await using var scan = new NpgsqlCommand(
                $"SELECT count(*) FROM {table} t WHERE strpos(t::text, $1) > 0",
                connection
            );
            scan.Parameters.Add(new NpgsqlParameter { Value = secret });
            if ((long)(await scan.ExecuteScalarAsync())! > 0)
                found.Add($"{table} holds {secret[..12]}…");
        }

        Assert.That(tables, Has.Count.GreaterThan(20), "every table was read");
        Assert.That(found, Is.Empty);
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.token_signing_keys WHERE protected_key NOT LIKE 'dp1:%'"
            ),
            Is.Zero
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.webhooks WHERE id = $1 AND protected_secret LIKE 'dp1:%' AND protected_previous_secret LIKE 'dp1:%'",
                webhook.Id
            ),
            Is.EqualTo(1)
        );
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.token_signing_keys"),
            Is.GreaterThan(0)
        );
    }
}

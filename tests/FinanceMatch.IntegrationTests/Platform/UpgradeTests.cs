using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// An installation of the version before verified firms, with its data, upgraded by starting the new version: secrets
/// written in plain text are encrypted, access records from before the chain are chained and verify, and what the
/// registrations (all unproven now) opened is closed.
/// </summary>
public sealed class UpgradeTests
{
    private const string LastMigrationBefore = "20261129221451_ProductGuaranteeMask";

    [Test]
    public async Task StartingTheNewVersion_OnTheOldSchemaWithData_UpgradesItSafely()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = new DbContextOptionsBuilder<FinanceMatchDbContext>();
        FinanceMatchDbContext.Configure(options, database.ConnectionString);
        await using (var db = new FinanceMatchDbContext(options.Options))
            await db.GetService<IMigrator>().MigrateAsync(LastMigrationBefore);

        var (firm, bank, consent) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        const string webhookSecret = "legacy-plaintext-webhook-secret";
        const string clientSecret = "legacy-client-secret-in-a-stored-response";
        await ExecuteAsync(
            database.ConnectionString,
            $$"""
            INSERT INTO financematch.institutions (id, name, code, created_at) VALUES ('{{bank}}', 'Old Bank', 'OLD-{{bank.ToString(
                "N"
            )[..10]}}', now() - interval '30 days');
            INSERT INTO financematch.enterprises (id, uscc, name, legal_representative, division_code, industry_code, established_on, registered_capital,
                employees, registered_at)
            VALUES ('{{firm}}', '{{Usccs.Next()}}', 'Old Firm', 'Rep', '440604', 'C39', '2015-01-01', 1000000, 10, now() - interval '20 days');
            INSERT INTO financematch.consents (id, enterprise_id, institution_id, scopes, purpose, status, created_at, expires_at)
            VALUES ('{{consent}}', '{{firm}}', '{{bank}}', '{Tax}', 'LoanAssessment', 'Active', now() - interval '10 days', now() + interval '30 days');
            INSERT INTO financematch.report_accesses (id, enterprise_id, institution_id, consent_id, scopes, purpose, accessed_at) VALUES
                ('{{first}}', '{{firm}}', '{{bank}}', '{{consent}}', '{Tax}', 'LoanAssessment', now() - interval '9 days'),
                ('{{second}}', '{{firm}}', '{{bank}}', '{{consent}}', '{Tax}', 'LoanAssessment', now() - interval '8 days');
            INSERT INTO financematch.webhooks (id, institution_id, url, events, secret, created_at)
            VALUES (gen_random_uuid(), '{{bank}}', 'https://bank.example/hook', '{MatchCreated}', '{{webhookSecret}}', now());
            INSERT INTO financematch.idempotency_keys (caller_scope, key, request_hash, created_at, completed_at, status_code, location, response_body)
            VALUES ('anonymous:127.0.0.1', 'old-key', 'hash', now(), now(), 201, '/api/v1/enterprises/{{firm}}',
                '{"id":"{{firm}}","clientId":"ent_old","clientSecret":"{{clientSecret}}"}');
            """
        );

        await using var api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>()
        );

        Assert.That(
            await ScalarAsync<string>(database.ConnectionString, "SELECT protected_secret FROM financematch.webhooks"),
            Does.StartWith("dp1:")
        );
        Assert.That(
            await ScalarAsync<long>(
                database.ConnectionString,
                $"SELECT count(*) FROM financematch.idempotency_keys WHERE strpos(response_body::text, '{clientSecret}') > 0"
            ),
            Is.Zero
        );
        Assert.That(
            await ScalarAsync<string>(
                database.ConnectionString,
                $"SELECT verification FROM financematch.enterprises WHERE id = '{firm}'"
            ),
            Is.EqualTo("Pending"),
            "a registration that proved nothing starts pending"
        );
        Assert.That(
            await ScalarAsync<string>(
                database.ConnectionString,
                $"SELECT status FROM financematch.consents WHERE id = '{consent}'"
            ),
            Is.EqualTo("Revoked"),
            "what the unproven claim opened is closed"
        );
        Assert.That(
            await ScalarAsync<long>(
                database.ConnectionString,
                $"SELECT count(*) FROM financematch.report_accesses WHERE enterprise_id = '{firm}' AND hash <> '' AND actor_role = 'Bank'"
            ),
            Is.EqualTo(2)
        );
        Assert.That(
            await ScalarAsync<Guid>(
                database.ConnectionString,
                $"SELECT id FROM financematch.report_accesses WHERE enterprise_id = '{firm}' AND position = 1"
            ),
            Is.EqualTo(first),
            "numbered in time order"
        );

        var @operator = await TestRun.SignInAsync(
            api.BaseAddress!,
            FinanceMatchApp.OperatorClientId,
            FinanceMatchApp.OperatorSecret
        );
        var verification = await @operator.Audit.VerifyReportAccessesAsync();
        Assert.That(
            (verification.RecordsChecked, verification.Broken.Count),
            Is.EqualTo((2L, 0)),
            "the chained old records verify"
        );
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

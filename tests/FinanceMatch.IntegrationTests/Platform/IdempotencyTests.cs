using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Platform;

public sealed class IdempotencyTests
{
    [Test]
    public async Task SameKeySameBody_ReturnsFirstResult_AndCreatesNothingNew()
    {
        var anonymous = TestRun.Anonymous();
        var request = Actors.EnterpriseRequest();
        var key = Guid.NewGuid().ToString();

        var first = await anonymous.Enterprises.RegisterAsync(request, key);
        var second = await anonymous.Enterprises.RegisterAsync(request, key);

        Assert.That(
            second,
            Is.EqualTo(first with { ClientSecret = null }),
            "the same firm, its secret shown only the first time"
        );
        var @operator = await TestRun.OperatorAsync();
        Assert.That((await @operator.Enterprises.ListAsync(uscc: request.Uscc)).TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Replay_KeepsStatusAndLocation_AndSaysItIsAReplay()
    {
        var @operator = await TestRun.OperatorAsync();
        var body = JsonSerializer.Serialize(
            new CreateInstitutionBody("Replay Bank", Actors.UniqueCode("RP")),
            Client.FinanceMatchJson.Options
        );
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(@operator.Http, "/api/v1/institutions", body, key);
        using var second = await PostAsync(@operator.Http, "/api/v1/institutions", body, key);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(second.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        var original = System.Text.Json.Nodes.JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(original.Remove("clientSecret"), Is.True);
        Assert.That(
            System.Text.Json.Nodes.JsonNode.DeepEquals(
                System.Text.Json.Nodes.JsonNode.Parse(await second.Content.ReadAsStringAsync()),
                original
            ),
            Is.True,
            "the first response without its secret"
        );
    }

    [Test]
    public async Task SameKeyDifferentBody_Is422()
    {
        var @operator = await TestRun.OperatorAsync();
        var key = Guid.NewGuid().ToString();
        await @operator.Institutions.CreateAsync(new CreateInstitutionBody("One", Actors.UniqueCode("K")), key);

        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => @operator.Institutions.CreateAsync(new CreateInstitutionBody("Two", Actors.UniqueCode("K")), key)
        );
    }

    [Test]
    public async Task KeysAreScopedToTheCaller()
    {
        var key = Guid.NewGuid().ToString();
        // Another caller holds this key, still running and for another body: it is not this caller's key.
        await InsertClaimAsync($"credential:{Guid.NewGuid()}", key, new string('0', 64), DateTimeOffset.UtcNow);
        var @operator = await TestRun.OperatorAsync();

        var created = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Scoped", Actors.UniqueCode("S")),
            key
        );

        Assert.That(created.Name, Is.EqualTo("Scoped"));
    }

    [Test]
    public async Task FailedRequest_DoesNotUseUpTheKey()
    {
        var @operator = await TestRun.OperatorAsync();
        var key = Guid.NewGuid().ToString();
        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => @operator.Institutions.CreateAsync(new CreateInstitutionBody("", "x"), key)
        );

        var created = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Fixed", Actors.UniqueCode("F")),
            key
        );

        Assert.That(created.Name, Is.EqualTo("Fixed"));
    }

    [Test]
    public async Task RepeatWhileFirstIsInProgress_Is409_AndAnAbandonedClaimIsRetaken()
    {
        var token = await TestRun
            .Anonymous()
            .Auth.GetTokenAsync(new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret));
        var @operator = TestRun.WithToken(token.AccessToken);
        var body = JsonSerializer.Serialize(
            new CreateInstitutionBody("In Progress Bank", Actors.UniqueCode("IP")),
            Client.FinanceMatchJson.Options
        );
        var key = Guid.NewGuid().ToString();
        var scope = $"credential:{CredentialIdOf(token.AccessToken)}";
        var hash = Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"POST /api/v1/institutions\n{body}"))
        );
        await InsertClaimAsync(scope, key, hash, DateTimeOffset.UtcNow);

        using var whileRunning = await PostAsync(@operator.Http, "/api/v1/institutions", body, key);
        await Problems.ExpectRawAsync(HttpStatusCode.Conflict, whileRunning);

        await InsertClaimAsync(scope, key, hash, DateTimeOffset.UtcNow.AddMinutes(-10));
        using var afterCrash = await PostAsync(@operator.Http, "/api/v1/institutions", body, key);
        Assert.That(
            afterCrash.StatusCode,
            Is.EqualTo(HttpStatusCode.Created),
            await afterCrash.Content.ReadAsStringAsync()
        );
    }

    [Test]
    public async Task ConcurrentRepeats_CreateExactlyOne()
    {
        var anonymous = TestRun.Anonymous();
        var request = Actors.EnterpriseRequest();
        var key = Guid.NewGuid().ToString();

        var outcomes = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(async _ =>
                {
                    try
                    {
                        return (await anonymous.Enterprises.RegisterAsync(request, key)).Id.ToString();
                    }
                    catch (Refit.ApiException e)
                    {
                        return e.StatusCode.ToString();
                    }
                })
        );

        Assert.That(
            outcomes.Where(o => Guid.TryParse(o, out _)).Distinct().Count(),
            Is.EqualTo(1),
            string.Join(", ", outcomes)
        );
        Assert.That(outcomes.Where(o => !Guid.TryParse(o, out _)), Is.All.EqualTo(nameof(HttpStatusCode.Conflict)));
        var @operator = await TestRun.OperatorAsync();
        Assert.That((await @operator.Enterprises.ListAsync(uscc: request.Uscc)).TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task OverlongKey_Is400()
    {
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectFieldErrorAsync(
            "Idempotency-Key",
            () =>
                @operator.Institutions.CreateAsync(
                    new CreateInstitutionBody("Long", Actors.UniqueCode("L")),
                    new string('k', 300)
                )
        );
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task InsertClaimAsync(string scope, string key, string hash, DateTimeOffset createdAt)
    {
        await using var connection = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO financematch.idempotency_keys (caller_scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (caller_scope, key) DO UPDATE SET created_at = excluded.created_at, completed_at = NULL
            """,
            connection
        );
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = createdAt });
        await command.ExecuteNonQueryAsync();
    }

    private static string CredentialIdOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("cid").GetString()!;
    }

    private static string JsonNode(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}

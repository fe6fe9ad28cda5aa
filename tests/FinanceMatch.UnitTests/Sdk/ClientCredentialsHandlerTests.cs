using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace FinanceMatch.UnitTests.Sdk;

/// <summary>
/// The client package's token handling, over a stub of the server (<see cref="StubServer"/>) and a clock the tests
/// move: a test of the client, which the integration tests then run against the real server.
/// </summary>
public sealed class ClientCredentialsHandlerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A stream that can be read once, as a request body streamed from a file or a pipe.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private static FinanceMatchClientOptions Options(
        string? clientId = StubServer.ClientId,
        string? clientSecret = StubServer.ClientSecret
    ) =>
        new()
        {
            BaseAddress = StubServer.Address,
            ClientId = clientId,
            ClientSecret = clientSecret,
        };

    private static HttpClient Client(StubServer server, TimeProvider clock) =>
        new(new ClientCredentialsHandler(Options(), clock) { InnerHandler = server })
        {
            BaseAddress = StubServer.Address,
        };

    private static Task<HttpResponseMessage> MeAsync(HttpClient client) =>
        client.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative));

    [Test]
    public async Task TheFirstRequest_AsksForAToken_WithTheCredentialsAsJson_AndSendsItAsBearer()
    {
        using var server = new StubServer();
        using var client = Client(server, new ManualClock(Start));

        using var response = await MeAsync(client);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var requests = server.Requests.ToList();
        Assert.That(
            requests.Select(r => (r.Method, r.Path, r.Authorization)),
            Is.EqualTo(
                new (HttpMethod, string, string?)[]
                {
                    (HttpMethod.Post, "/api/v1/auth/token", null),
                    (HttpMethod.Get, "/api/v1/auth/me", "Bearer token-1"),
                }
            )
        );
        Assert.That(
            JsonSerializer.Deserialize<TokenBody>(requests[0].Body!, FinanceMatchJson.Options),
            Is.EqualTo(new TokenBody(StubServer.ClientId, StubServer.ClientSecret))
        );
        Assert.That(requests[1].Body, Is.Null.Or.Empty, "the secret goes to the token endpoint only");
    }

    [Test]
    public async Task AToken_IsKeptUntilAMinuteBeforeItExpires_ThenRenewed()
    {
        using var server = new StubServer { ExpiresIn = 3600 };
        var clock = new ManualClock(Start);
        using var client = Client(server, clock);

        (await MeAsync(client)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(3539));
        (await MeAsync(client)).Dispose();

        Assert.That(server.TokenRequests, Has.Count.EqualTo(1));
        Assert.That(server.ApiRequests.Select(r => r.Authorization), Has.All.EqualTo("Bearer token-1"));

        clock.Advance(TimeSpan.FromSeconds(2));
        (await MeAsync(client)).Dispose();

        Assert.That(server.TokenRequests, Has.Count.EqualTo(2), "renewed before it expires, not after a refusal");
        Assert.That(server.ApiRequests[^1].Authorization, Is.EqualTo("Bearer token-2"));
        Assert.That(server.ApiRequests, Has.Count.EqualTo(3), "no request was refused");
    }

    [Test]
    public async Task AShortLivedToken_IsRenewedATenthOfItsLifetimeBeforeItExpires()
    {
        using var server = new StubServer { ExpiresIn = 300 };
        var clock = new ManualClock(Start);
        using var client = Client(server, clock);

        (await MeAsync(client)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(269));
        (await MeAsync(client)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        (await MeAsync(client)).Dispose();

        Assert.That(
            server.ApiRequests.Select(r => r.Authorization),
            Is.EqualTo(new[] { "Bearer token-1", "Bearer token-1", "Bearer token-2" })
        );
    }

    [Test]
    public async Task ARefusedToken_IsReplacedOnce_AndTheRequestSentAgain_WithItsStreamedBody()
    {
        using var server = new StubServer();
        using var client = Client(server, new ManualClock(Start));
        (await MeAsync(client)).Dispose();
        server.Revoked["token-1"] = true;
        const string body = """{"url":"https://hooks.bank.example/financematch","secret":"never-mind-0123"}""";

        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var streamed = new StreamContent(new ForwardOnlyStream(bytes));
        streamed.Headers.ContentLength = bytes.Length; // sized and small: kept, so it can go again
        using var response = await client.PostAsync(new Uri("/api/v1/webhooks", UriKind.Relative), streamed);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(body), "the body went again, whole");
        Assert.That(
            server.Requests.Select(r => (r.Path, r.Authorization)),
            Is.EqualTo(
                new (string, string?)[]
                {
                    ("/api/v1/auth/token", null),
                    ("/api/v1/auth/me", "Bearer token-1"),
                    ("/api/v1/webhooks", "Bearer token-1"),
                    ("/api/v1/auth/token", null),
                    ("/api/v1/webhooks", "Bearer token-2"),
                }
            )
        );
    }

    [Test]
    public async Task AnUnsizedStreamedBody_IsNotHeldInMemory_SoARefusedTokenIsTheAnswer()
    {
        using var server = new StubServer();
        using var client = Client(server, new ManualClock(Start));
        (await MeAsync(client)).Dispose();
        server.Revoked["token-1"] = true;

        using var response = await client.PostAsync(
            new Uri("/api/v1/feeds/tax/batches", UriKind.Relative),
            new StreamContent(new ForwardOnlyStream(System.Text.Encoding.UTF8.GetBytes("uscc,period\n")))
        );

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(server.ApiRequests.Count(r => r.Path == "/api/v1/feeds/tax/batches"), Is.EqualTo(1), "sent once");
    }

    [Test]
    public async Task ARequestToAnotherServer_GetsNoToken_AndCredentialsNeverGoOverPlainHttpToAnotherMachine()
    {
        using var server = new StubServer();
        using var client = Client(server, new ManualClock(Start));

        (await client.GetAsync(new Uri("https://elsewhere.example/api/v1/auth/me"))).Dispose();
        (await client.GetAsync(new Uri("https://financematch.example.com:8443/api/v1/auth/me"))).Dispose();

        Assert.That(server.TokenRequests, Is.Empty, "no token asked for another server");
        Assert.That(server.Requests.Select(r => r.Authorization), Has.All.Null);
        Assert.That(
            () =>
                new ClientCredentialsHandler(
                    new FinanceMatchClientOptions
                    {
                        BaseAddress = new Uri("http://financematch.example.com/"),
                        ClientId = StubServer.ClientId,
                        ClientSecret = StubServer.ClientSecret,
                    }
                ),
            Throws.ArgumentException.With.Message.Contains("https")
        );
        Assert.That(
            () =>
                new ClientCredentialsHandler(
                    new FinanceMatchClientOptions
                    {
                        BaseAddress = new Uri("http://127.0.0.1:5080/"),
                        ClientId = StubServer.ClientId,
                        ClientSecret = StubServer.ClientSecret,
                    }
                ).Dispose(),
            Throws.Nothing,
            "this machine (development, tests)"
        );
    }

    [Test]
    public async Task ARefusalOfTheNewTokenToo_IsAnswered_WithoutAThirdTry()
    {
        using var server = new StubServer();
        using var client = Client(server, new ManualClock(Start));
        (await MeAsync(client)).Dispose();
        server.Revoked["token-1"] = true;
        server.Revoked["token-2"] = true;

        using var response = await MeAsync(client);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(server.TokenRequests, Has.Count.EqualTo(2));
        Assert.That(server.ApiRequests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task AnEndpointsOwn401_WithoutABearerChallenge_IsAnsweredAsItIs()
    {
        using var server = new StubServer();
        server.OwnUnauthorized.Add("/api/v1/credentials/rotate");
        using var client = Client(server, new ManualClock(Start));

        using var response = await client.PostAsync(
            new Uri("/api/v1/credentials/rotate", UriKind.Relative),
            new StringContent("""{"currentSecret":"a-guess"}""")
        );

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(server.TokenRequests, Has.Count.EqualTo(1), "the token was not in question");
        Assert.That(server.ApiRequests, Has.Count.EqualTo(1), "a wrong guess is not repeated");
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task WhenNoTokenCanBeHad_TheTokenEndpointsAnswerIsTheRequests_WithoutTheSecret(HttpStatusCode status)
    {
        using var server = new StubServer { TokenEndpointRefuses = status };
        using var client = Client(server, new ManualClock(Start));

        using var response = await MeAsync(client);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.RequestMessage?.RequestUri?.AbsolutePath, Is.EqualTo("/api/v1/auth/me"));
        Assert.That(response.RequestMessage?.Content, Is.Null, "not the token request, which holds the secret");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(StubServer.ClientSecret));
        Assert.That(server.ApiRequests, Is.Empty, "nothing is sent without a token");
        if (status == HttpStatusCode.TooManyRequests)
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task ConcurrentRequests_WaitForOneTokenRequest_AndShareItsToken()
    {
        using var server = new StubServer { TokenDelay = TimeSpan.FromMilliseconds(100) };
        using var client = Client(server, new ManualClock(Start));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => MeAsync(client)));

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(server.TokenRequests, Has.Count.EqualTo(1));
        Assert.That(server.ApiRequests.Select(r => r.Authorization), Has.All.EqualTo("Bearer token-1"));
        foreach (var response in responses)
            response.Dispose();
    }

    [Test]
    public async Task ARequestWithAnAuthorizationOfItsOwn_IsSentAsItIs()
    {
        using var server = new StubServer();
        using var client = Client(server, new ManualClock(Start));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a-token-of-its-own");

        (await MeAsync(client)).Dispose();

        Assert.That(server.TokenRequests, Is.Empty);
        Assert.That(server.ApiRequests.Single().Authorization, Is.EqualTo("Bearer a-token-of-its-own"));
    }

    [TestCase(null, "BaseAddress is required")]
    [TestCase("api/v1/", "absolute http or https")]
    [TestCase("ftp://financematch.example.com/", "absolute http or https")]
    public void Options_WithoutAnAbsoluteHttpBaseAddress_AreRefusedNamingIt(string? baseAddress, string message)
    {
        var options = Options();
        options.BaseAddress = baseAddress is null ? null : new Uri(baseAddress, UriKind.RelativeOrAbsolute);

        var refused = Assert.Throws<ArgumentException>(() => _ = new ClientCredentialsHandler(options));
        Assert.That(refused!.Message, Does.Contain(message));
        refused = Assert.Throws<ArgumentException>(() => Configure(new ServiceCollection(), options));
        Assert.That(refused!.Message, Does.Contain(message));
    }

    [TestCase(StubServer.ClientId, null)]
    [TestCase(null, StubServer.ClientSecret)]
    [TestCase(StubServer.ClientId, " ")]
    public void Options_WithAnIdOrASecretAlone_AreRefused(string? clientId, string? clientSecret)
    {
        var options = Options(clientId, clientSecret);

        var refused = Assert.Throws<ArgumentException>(() => Configure(new ServiceCollection(), options));
        Assert.That(refused!.Message, Does.Contain("ClientId and ClientSecret go together"));
        Assert.Throws<ArgumentException>(() => _ = new ClientCredentialsHandler(options));
    }

    [Test]
    public void TheHandler_NeedsCredentials()
    {
        var refused = Assert.Throws<ArgumentException>(() => _ = new ClientCredentialsHandler(Options(null, null)));
        Assert.That(refused!.Message, Does.Contain("required"));
    }

    [Test]
    public async Task AddFinanceMatchClient_RegistersATypedClient_OnTheBaseAddress_WhoseClientsShareOneToken()
    {
        using var server = new StubServer();
        var clock = new ManualClock(Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        Configure(services, Options()).ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<FinanceMatchClient>();
        var caller = await first.Auth.GetCallerAsync();
        await provider.GetRequiredService<FinanceMatchClient>().Auth.GetCallerAsync();

        Assert.That(first.Http.BaseAddress, Is.EqualTo(StubServer.Address));
        Assert.That(caller.ClientId, Is.EqualTo(StubServer.ClientId));
        Assert.That(server.TokenRequests, Has.Count.EqualTo(1), "one token for every client of the registration");

        clock.Advance(TimeSpan.FromHours(1));
        await provider.GetRequiredService<FinanceMatchClient>().Auth.GetCallerAsync();

        Assert.That(server.TokenRequests, Has.Count.EqualTo(2), "the registered TimeProvider is the handler's clock");
        Assert.That(server.ApiRequests[^1].Authorization, Is.EqualTo("Bearer token-2"));
    }

    [Test]
    public async Task AddFinanceMatchClient_WithoutCredentials_SendsNoToken()
    {
        using var server = new StubServer();
        var services = new ServiceCollection();
        services
            .AddFinanceMatchClient(o => o.BaseAddress = StubServer.Address)
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        using var response = await provider
            .GetRequiredService<FinanceMatchClient>()
            .Http.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(server.Requests.Select(r => r.Authorization), Is.EqualTo(new string?[] { null }));
    }

    private static IHttpClientBuilder Configure(IServiceCollection services, FinanceMatchClientOptions options) =>
        services.AddFinanceMatchClient(o =>
        {
            o.BaseAddress = options.BaseAddress;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
        });
}

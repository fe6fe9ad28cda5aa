using System.Net;
using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests;

// In the root namespace: an NUnit SetUpFixture covers only the tests in its namespace and below.
/// <summary>
/// Starts the app once for the whole run on a fresh database, on a real Kestrel on loopback (so a browser can reach it
/// too); tests create their own actors and never wipe data.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    private static TestDatabase? database;
    private static FinanceMatchApp? app;
    private static Uri? baseAddress;

    /// <summary>One connection pool for every client of the run; cookies are never kept between requests.</summary>
    private static readonly SocketsHttpHandler Connections = new()
    {
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    public static FinanceMatchApp App => app ?? throw new InvalidOperationException("The test run has not started.");
    public static TestDatabase Database =>
        database ?? throw new InvalidOperationException("The test run has not started.");
    public static Uri BaseAddress =>
        baseAddress ?? throw new InvalidOperationException("The test run has not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = new FinanceMatchApp(database.ConnectionString);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        baseAddress = new Uri(app.Services.ListeningAddress());
        using var warmUp = Http();
        (await warmUp.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
        if (database is not null)
            await database.DisposeAsync();
    }

    /// <summary>Plain HTTP to the app, for what the Refit client cannot say (raw bodies, odd headers).</summary>
    public static HttpClient Http() => new(Connections, disposeHandler: false) { BaseAddress = BaseAddress };

    /// <summary>A client with no token.</summary>
    public static FinanceMatchClient Anonymous() => new(Http());

    /// <summary>
    /// A party's client as the package builds it for a bank: the <see cref="ClientCredentialsHandler"/> over the run's
    /// connection pool, which obtains the token at the first call and renews it by itself.
    /// </summary>
    public static FinanceMatchClient Client(string clientId, string clientSecret) =>
        Client(BaseAddress, clientId, clientSecret, Connections);

    /// <summary>The same on an API process of a test's own, over a connection pool of its own (the process may stop).</summary>
    public static FinanceMatchClient Client(Uri baseAddress, string clientId, string clientSecret) =>
        Client(baseAddress, clientId, clientSecret, new SocketsHttpHandler { UseCookies = false });

    /// <summary>
    /// A party's client, signed in: its first call (who am I) obtains the token, so credentials that are wrong,
    /// rotated or disabled fail here, with the token endpoint's 401.
    /// </summary>
    public static async Task<FinanceMatchClient> SignInAsync(string clientId, string clientSecret)
    {
        var client = Client(clientId, clientSecret);
        await client.Auth.GetCallerAsync();
        return client;
    }

    /// <summary>The same on an API process of a test's own.</summary>
    public static async Task<FinanceMatchClient> SignInAsync(Uri baseAddress, string clientId, string clientSecret)
    {
        var client = Client(baseAddress, clientId, clientSecret);
        await client.Auth.GetCallerAsync();
        return client;
    }

    /// <summary>A client that sends this token, and never another: for what a token itself may do once it is refused.</summary>
    public static FinanceMatchClient WithToken(string accessToken)
    {
        var http = Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new FinanceMatchClient(http);
    }

    /// <summary>A token for these credentials, asked for as a plain call (for <see cref="WithToken"/>).</summary>
    public static async Task<string> TokenAsync(string clientId, string clientSecret) =>
        (await Anonymous().Auth.GetTokenAsync(new TokenBody(clientId, clientSecret))).AccessToken;

    /// <summary>
    /// The bootstrap operator: one client for the whole run, which renews its own token, so the run asks for the
    /// operator's deliberately slow (PBKDF2) secret to be checked once rather than for every party a test creates.
    /// Shared by tests running side by side: never change its headers.
    /// </summary>
    public static Task<FinanceMatchClient> OperatorAsync() => Task.FromResult(SharedOperator.Value);

    private static readonly Lazy<FinanceMatchClient> SharedOperator = new(() =>
        Client(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret)
    );

    private static FinanceMatchClient Client(
        Uri baseAddress,
        string clientId,
        string clientSecret,
        HttpMessageHandler transport
    )
    {
        var credentials = new ClientCredentialsHandler(
            new FinanceMatchClientOptions
            {
                BaseAddress = baseAddress,
                ClientId = clientId,
                ClientSecret = clientSecret,
            }
        )
        {
            InnerHandler = transport,
        };
        // The run's pool outlives every client; a pool of a client's own goes with it.
        return new FinanceMatchClient(
            new HttpClient(credentials, disposeHandler: transport != Connections) { BaseAddress = baseAddress }
        );
    }
}

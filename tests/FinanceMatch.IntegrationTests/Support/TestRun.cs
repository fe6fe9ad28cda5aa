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

    /// <summary>A client signed in with the given credentials.</summary>
    public static async Task<FinanceMatchClient> SignInAsync(string clientId, string clientSecret)
    {
        var token = await Anonymous().Auth.GetTokenAsync(new TokenBody(clientId, clientSecret));
        return WithToken(token.AccessToken);
    }

    public static FinanceMatchClient WithToken(string accessToken)
    {
        var http = Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new FinanceMatchClient(http);
    }

    public static Task<FinanceMatchClient> OperatorAsync() =>
        SignInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
}

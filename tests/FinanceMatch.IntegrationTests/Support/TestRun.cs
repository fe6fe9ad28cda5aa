using System.Net.Http.Headers;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests;

// In the root namespace: an NUnit SetUpFixture covers only the tests in its namespace and below.
/// <summary>Starts the app once for the whole run on a fresh database; tests create their own actors and never wipe data.</summary>
[SetUpFixture]
public sealed class TestRun
{
    private static TestDatabase? database;
    private static FinanceMatchApp? app;

    public static FinanceMatchApp App => app ?? throw new InvalidOperationException("The test run has not started.");
    public static TestDatabase Database => database ?? throw new InvalidOperationException("The test run has not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = new FinanceMatchApp(database.ConnectionString);
        using var warmUp = app.CreateClient();
        (await warmUp.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (app is not null) await app.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }

    /// <summary>A client with no token.</summary>
    public static FinanceMatchClient Anonymous() => new(App.CreateClient());

    /// <summary>A client signed in with the given credentials.</summary>
    public static async Task<FinanceMatchClient> SignInAsync(string clientId, string clientSecret)
    {
        var token = await Anonymous().Auth.GetTokenAsync(new TokenRequest(clientId, clientSecret));
        return WithToken(token.AccessToken);
    }

    public static FinanceMatchClient WithToken(string accessToken)
    {
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new FinanceMatchClient(http);
    }

    public static Task<FinanceMatchClient> OperatorAsync() => SignInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
}

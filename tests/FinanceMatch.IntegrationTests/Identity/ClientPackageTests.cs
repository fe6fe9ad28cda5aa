using System.Net;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FinanceMatch.IntegrationTests.Identity;

/// <summary>The client package as a bank installs it: AddFinanceMatchClient signs in by itself and replaces a refused token.</summary>
public sealed class ClientPackageTests
{
    [Test]
    public async Task AClientFromAddFinanceMatchClient_SignsInByItself_AndGetsANewTokenWhenItsOwnIsRefused()
    {
        var bank = await Actors.BankAsync();
        await using var services = new ServiceCollection()
            .AddFinanceMatchClient(o =>
            {
                o.BaseAddress = TestRun.BaseAddress;
                o.ClientId = bank.Created.ClientId;
                o.ClientSecret = bank.Created.ClientSecret;
            })
            .Services.BuildServiceProvider();

        var client = services.GetRequiredService<FinanceMatchClient>();
        Assert.That((await client.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(bank.Created.Id), "signed in by itself");

        // Disabling and enabling the credential refuses every token issued before, the client's own among them.
        var earlier = await TestRun.TokenAsync(bank.Created.ClientId, bank.Created.ClientSecret!);
        var @operator = await TestRun.OperatorAsync();
        await @operator.Credentials.DisableAsync(bank.Created.ClientId);
        await @operator.Credentials.EnableAsync(bank.Created.ClientId);
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.WithToken(earlier).Auth.GetCallerAsync());

        // Another client from the container shares the token: its POST is refused, and sent again with a new token.
        var registered = await services
            .GetRequiredService<FinanceMatchClient>()
            .Webhooks.RegisterAsync(
                new RegisterWebhookBody(
                    "http://127.0.0.1:9/package-hook",
                    [WebhookEvent.MatchCreated],
                    "package-webhook-secret-0123"
                )
            );

        Assert.That(registered.Url, Is.EqualTo("http://127.0.0.1:9/package-hook"), "the body went again, whole");
        Assert.That(registered.Events, Is.EqualTo(new[] { WebhookEvent.MatchCreated }));
        Assert.That(registered.InstitutionId, Is.EqualTo(bank.Created.Id));
        Assert.That((await client.Webhooks.ListAsync()).Select(w => w.Id), Is.EqualTo(new[] { registered.Id }));
        Assert.That((await client.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(bank.Created.Id));
    }

    [Test]
    public async Task AClientFromAddFinanceMatchClient_WhoseCredentialIsDisabled_GetsTheTokenEndpoints401()
    {
        var bank = await Actors.BankAsync();
        await (await TestRun.OperatorAsync()).Credentials.DisableAsync(bank.Created.ClientId);
        await using var services = new ServiceCollection()
            .AddFinanceMatchClient(o =>
            {
                o.BaseAddress = TestRun.BaseAddress;
                o.ClientId = bank.Created.ClientId;
                o.ClientSecret = bank.Created.ClientSecret;
            })
            .Services.BuildServiceProvider();

        var problem = await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => services.GetRequiredService<FinanceMatchClient>().Webhooks.ListAsync()
        );

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("disabled"));
        Assert.That(problem.ToString(), Does.Not.Contain(bank.Created.ClientSecret!), "the secret is in no answer");
    }

    [Test]
    public async Task AClientFromAddFinanceMatchClient_WithoutCredentials_CallsAnonymously()
    {
        await using var services = new ServiceCollection()
            .AddFinanceMatchClient(o => o.BaseAddress = TestRun.BaseAddress)
            .Services.BuildServiceProvider();
        var client = services.GetRequiredService<FinanceMatchClient>();

        Assert.That((await client.Profiles.GetModelAsync()).Version, Is.Not.Empty, "the scoring model is public");
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => client.Auth.GetCallerAsync());
    }
}

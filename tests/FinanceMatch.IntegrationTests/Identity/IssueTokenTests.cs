using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

public sealed class IssueTokenTests
{
    [Test]
    public async Task OperatorCredentials_IssueBearerTokenCarryingRole()
    {
        var token = await TestRun
            .Anonymous()
            .Auth.GetTokenAsync(new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret));

        Assert.That(token.TokenType, Is.EqualTo("Bearer"));
        Assert.That(token.ExpiresIn, Is.EqualTo(3600));
        var caller = await TestRun.WithToken(token.AccessToken).Auth.GetCallerAsync();
        Assert.That(caller.Role, Is.EqualTo(Role.Operator));
        Assert.That(caller.ClientId, Is.EqualTo(FinanceMatchApp.OperatorClientId));
    }

    [Test]
    public async Task WrongSecret_Is401()
    {
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () =>
                TestRun
                    .Anonymous()
                    .Auth.GetTokenAsync(new TokenBody(FinanceMatchApp.OperatorClientId, "not-the-secret"))
        );
    }

    [Test]
    public async Task UnknownClient_Is401()
    {
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Auth.GetTokenAsync(new TokenBody("nobody", "whatever"))
        );
    }

    [Test]
    public async Task EmptyCredentials_Is400NamingTheFields()
    {
        var problem = await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => TestRun.Anonymous().Auth.GetTokenAsync(new TokenBody("", ""))
        );
        var errors = problem.GetProperty("errors");
        Assert.That(errors.TryGetProperty("clientId", out _), Is.True, errors.ToString());
        Assert.That(errors.TryGetProperty("clientSecret", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task ProtectedEndpoint_WithoutToken_Is401()
    {
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Auth.GetCallerAsync());
    }

    [Test]
    public async Task ProtectedEndpoint_WithForgedToken_Is401()
    {
        var real = await TestRun
            .Anonymous()
            .Auth.GetTokenAsync(new TokenBody(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret));
        var parts = real.AccessToken.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.WithToken(forged).Auth.GetCallerAsync());
    }

    [Test]
    public async Task EachParty_TokenCarriesItsOwnObjectId()
    {
        var bank = await Actors.BankAsync();
        var department = await Actors.DepartmentAsync();
        var enterprise = await Actors.EnterpriseAsync();

        Assert.That(
            await bank.Client.Auth.GetCallerAsync(),
            Is.EqualTo(new CallerDto(bank.Created.ClientId, Role.Bank, bank.Created.Id))
        );
        Assert.That(
            await department.Client.Auth.GetCallerAsync(),
            Is.EqualTo(new CallerDto(department.Created.ClientId, Role.Department, department.Created.Id))
        );
        Assert.That(
            await enterprise.Client.Auth.GetCallerAsync(),
            Is.EqualTo(new CallerDto(enterprise.Created.ClientId, Role.Enterprise, enterprise.Created.Id))
        );
    }
}

using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

public sealed class RotateSecretTests
{
    [Test]
    public async Task Rotation_NewSecretWorks_OldSecretIsRefused()
    {
        var bank = await Actors.BankAsync();

        var rotated = await bank.Client.Auth.RotateSecretAsync(new RotateSecretBody(bank.Created.ClientSecret!));

        Assert.That(rotated.ClientId, Is.EqualTo(bank.Created.ClientId));
        Assert.That(rotated.ClientSecret!, Is.Not.EqualTo(bank.Created.ClientSecret!));
        Assert.That(rotated.ClientSecret!, Has.Length.GreaterThanOrEqualTo(40));
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () =>
                TestRun.Anonymous().Auth.GetTokenAsync(new TokenBody(bank.Created.ClientId, bank.Created.ClientSecret!))
        );
        var again = await TestRun.SignInAsync(rotated.ClientId, rotated.ClientSecret!);
        Assert.That((await again.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(bank.Created.Id));
    }

    [Test]
    public async Task Rotation_OnlyTouchesTheCallersOwnCredential()
    {
        var first = await Actors.EnterpriseAsync();
        var second = await Actors.EnterpriseAsync();

        await first.Client.Auth.RotateSecretAsync(new RotateSecretBody(first.Created.ClientSecret!));

        var stillValid = await TestRun.SignInAsync(second.Created.ClientId, second.Created.ClientSecret!);
        Assert.That((await stillValid.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(second.Created.Id));
    }

    [Test]
    public async Task Rotation_WithoutToken_Is401()
    {
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Auth.RotateSecretAsync(new RotateSecretBody("whatever-it-was"))
        );
    }
}

using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Identity;

namespace FinanceMatch.UnitTests.Auth;

public sealed class CallerTests
{
    private static readonly Guid Firm = Guid.NewGuid();

    private static ClaimsPrincipal Token(string role, Guid subject) =>
        new(
            new ClaimsIdentity(
                [
                    new Claim(CallerClaims.Subject, subject.ToString()),
                    new Claim(CallerClaims.Role, role),
                    new Claim(CallerClaims.ClientId, "firm-client"),
                ],
                "Bearer",
                CallerClaims.Subject,
                CallerClaims.Role
            )
        );

    [Test]
    public void AValidatedToken_GivesItsRoleSubjectAndClient()
    {
        var caller = Caller.From(Token("enterprise", Firm));

        Assert.That(caller, Is.EqualTo(new Caller(Role.Enterprise, Firm, "firm-client")));
        Assert.That(caller.IsParty(Role.Enterprise, Firm), Is.True);
        Assert.That(caller.IsParty(Role.Enterprise, Guid.NewGuid()), Is.False, "another firm's id is not this caller");
        Assert.That(caller.IsParty(Role.Bank, Firm), Is.False, "the same id in another role is not this caller");
    }

    [Test]
    public void AnUnauthenticatedPrincipal_IsAnonymous_EvenWithClaims()
    {
        // What the verification gate leaves for an unverified firm on a public endpoint, or claims nobody validated.
        var unvalidated = new ClaimsPrincipal(
            new ClaimsIdentity([
                new Claim(CallerClaims.Subject, Firm.ToString()),
                new Claim(CallerClaims.Role, "operator"),
            ])
        );

        var caller = Caller.From(unvalidated);

        Assert.That(caller, Is.EqualTo(Caller.Anonymous));
        Assert.That(caller.Role, Is.Null);
        Assert.That(caller.SubjectId, Is.EqualTo(Guid.Empty));
        Assert.That(caller.Is(Role.Operator), Is.False);
        Assert.Throws<InvalidOperationException>(() => _ = caller.RequiredClientId);
    }
}

using FinanceMatch.Api.Auth;

namespace FinanceMatch.UnitTests.Auth;

public sealed class SecretHasherTests
{
    private readonly SecretHasher hasher = new();

    [Test]
    public void AGeneratedSecret_IsKeptAsItsSha256_AndOnlyItVerifies()
    {
        var secret = SecretHasher.NewSecret();
        var hash = hasher.HashGenerated(secret);
        Assert.That(hash, Does.StartWith("sha256:").And.Length.EqualTo(7 + 64).And.Not.Contain(secret));
        Assert.That(hasher.Verify(hash, secret), Is.True);
        Assert.That(hasher.Verify(hash, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')), Is.False);
        Assert.That(hasher.Verify(hash, ""), Is.False);
    }

    [Test]
    public void AChosenSecret_IsKeptWithPbkdf2_AndEarlierPbkdf2HashesStillVerify()
    {
        var hash = hasher.HashChosen("operator-dev-secret");
        Assert.That(hash, Does.Not.StartWith("sha256:"));
        Assert.That(hasher.Verify(hash, "operator-dev-secret"), Is.True);
        Assert.That(hasher.Verify(hash, "operator-dev-secreT"), Is.False);
        var generated = SecretHasher.NewSecret();
        Assert.That(
            hasher.Verify(hasher.HashChosen(generated), generated),
            Is.True,
            "credentials issued before generated secrets were hashed with SHA-256"
        );
    }
}

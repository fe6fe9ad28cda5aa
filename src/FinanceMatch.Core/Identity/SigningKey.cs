namespace FinanceMatch.Core.Identity;

/// <summary>
/// The token signing key shared by every API process on one database, created once by whichever starts first,
/// so that a token issued by one process is accepted by all of them without extra configuration.
/// </summary>
public sealed class SigningKey
{
    public int Id { get; set; }
    public byte[] Key { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

namespace FinanceMatch.Core.Identity;

/// <summary>
/// A token signing key shared by every API process on one database. The key itself is stored only encrypted with
/// ASP.NET Core Data Protection, whose key ring lives outside the database. The newest key signs; a key replaced by a
/// newer one still validates until the tokens it signed have expired (<see cref="RetiredAt"/>).
/// </summary>
public sealed class SigningKey
{
    public string Kid { get; set; } = null!;
    public string ProtectedKey { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

using System.Security.Cryptography;
using System.Text;

namespace FinanceMatch.Core.Consents;

/// <summary>
/// The access log's hash chain, as the contract defines it: <c>hash</c> = lowercase hex SHA-256 of the UTF-8 string
/// <c>previousHash|id|accessedAt|actorRole|institutionId|consentId|purpose|scopes</c>, every value exactly as the API
/// returns it (absent values empty, scopes joined by commas in the order returned); the first record's previous hash is
/// 64 zeros. A firm can recompute its own chain from its access list alone.
/// </summary>
public static class AccessChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(
        string previousHash,
        Guid id,
        string accessedAt,
        string actorRole,
        Guid? institutionId,
        Guid? consentId,
        string? purpose,
        IEnumerable<string> scopes
    ) =>
        string.Join(
            '|',
            previousHash,
            id.ToString("D"),
            accessedAt,
            actorRole,
            institutionId?.ToString("D") ?? "",
            consentId?.ToString("D") ?? "",
            purpose ?? "",
            string.Join(',', scopes)
        );

    public static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Credentials;

internal static class CredentialMapping
{
    public static CredentialDto ToDto(this Credential c) =>
        new(
            c.ClientId,
            c.Role.Map<Client.Contracts.Role>(),
            c.SubjectId,
            c.IsEnabled,
            c.Version,
            c.CreatedAt,
            c.SecretRotatedAt,
            c.DisabledAt
        );

    public static async Task<Credential> FindByClientIdAsync(
        this FinanceMatchDbContext db,
        string clientId,
        CancellationToken ct
    ) =>
        await db.Credentials.SingleOrDefaultAsync(c => c.ClientId == clientId, ct)
        ?? throw new NotFoundException("No client has this id.");
}

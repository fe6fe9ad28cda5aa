using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Creates the first operator from <c>Bootstrap:OperatorClientId</c>/<c>Bootstrap:OperatorClientSecret</c> when it does not
/// exist yet. An existing operator is left alone: after the first start its secret is rotated through the API, not the configuration.
/// </summary>
public sealed class OperatorBootstrap(
    IServiceScopeFactory scopes,
    IOptions<BootstrapOptions> options,
    SecretHasher hasher,
    TimeProvider clock,
    ILogger<OperatorBootstrap> logger
)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        var (clientId, secret) = (options.Value.OperatorClientId, options.Value.OperatorClientSecret);
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(secret))
        {
            logger.LogWarning(
                "No first operator configured (Bootstrap__OperatorClientId and Bootstrap__OperatorClientSecret)."
            );
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>();
        if (await db.Credentials.AnyAsync(c => c.ClientId == clientId, ct))
            return;
        var credential = Credential.Issue(Role.Operator, null, clientId, hasher.HashChosen(secret), clock.GetUtcNow());
        db.Credentials.Add(credential);
        db.SecurityEvents.Add(
            SecurityEvent.Of(
                SecurityEventKind.CredentialIssued,
                credential,
                null,
                "The first operator, from Bootstrap__OperatorClientId.",
                credential.CreatedAt
            )
        );
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Created the first operator {ClientId}", clientId);
        }
        catch (DbUpdateException e)
            when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another process created it at the same moment.
        }
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Credentials;

/// <summary>
/// An operator disables a client: it can no longer sign in and every token it holds is refused at once. Operators are
/// disabled one at a time (a transaction lock), so two operators disabling each other cannot leave the platform with none.
/// </summary>
public static class DisableCredential
{
    public sealed record Command(string ClientId, string ActorClientId) : IRequest<CredentialDto>;

    public sealed class Handler(FinanceMatchDbContext db, CredentialStates states, TimeProvider clock)
        : IRequestHandler<Command, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Command command, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var credential = await db.FindByClientIdAsync(command.ClientId, ct);
            if (credential.Role == DomainRole.Operator && credential.IsEnabled)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "SELECT pg_advisory_xact_lock(hashtext('financematch.enabled-operators'))",
                    ct
                );
                if (
                    !await db.Credentials.AnyAsync(
                        c => c.Role == DomainRole.Operator && c.DisabledAt == null && c.Id != credential.Id,
                        ct
                    )
                )
                    throw new ConflictException(
                        "This is the last enabled operator; enable or create another before disabling it."
                    );
            }
            var now = clock.GetUtcNow();
            if (credential.Disable(now))
                db.SecurityEvents.Add(
                    SecurityEvent.Of(
                        DomainSecurityEventKind.CredentialDisabled,
                        credential,
                        command.ActorClientId,
                        null,
                        now
                    )
                );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            states.Forget(credential.Id);
            return credential.ToDto();
        }
    }

    internal static async Task<CredentialDto> Endpoint(
        string clientId,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(clientId, caller.RequiredClientId), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Mediator;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Credentials;

/// <summary>An operator gives a client a new secret (for a holder who lost it, or whose secret leaked); every earlier token ends.</summary>
public static class ResetCredential
{
    public sealed record Command(string ClientId, string ActorClientId) : IRequest<ClientCredentials>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        SecretHasher hasher,
        CredentialStates states,
        TimeProvider clock
    ) : IRequestHandler<Command, ClientCredentials>
    {
        public async ValueTask<ClientCredentials> Handle(Command command, CancellationToken ct)
        {
            var credential = await db.FindByClientIdAsync(command.ClientId, ct);
            var secret = SecretHasher.NewSecret();
            var now = clock.GetUtcNow();
            credential.ReplaceSecret(hasher.HashGenerated(secret), now);
            db.SecurityEvents.Add(
                SecurityEvent.Of(DomainSecurityEventKind.SecretReset, credential, command.ActorClientId, null, now)
            );
            await db.SaveChangesAsync(ct);
            states.Forget(credential.Id);
            return new ClientCredentials(credential.ClientId, secret);
        }
    }

    internal static async Task<ClientCredentials> Endpoint(
        string clientId,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(clientId, caller.RequiredClientId), ct);
}

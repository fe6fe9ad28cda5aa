using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Mediator;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Credentials;

/// <summary>An operator lets a disabled client sign in again; tokens it held before the disable stay refused.</summary>
public static class EnableCredential
{
    public sealed record Command(string ClientId, string ActorClientId) : IRequest<CredentialDto>;

    public sealed class Handler(FinanceMatchDbContext db, CredentialStates states, TimeProvider clock)
        : IRequestHandler<Command, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Command command, CancellationToken ct)
        {
            var credential = await db.FindByClientIdAsync(command.ClientId, ct);
            if (credential.Enable())
                db.SecurityEvents.Add(
                    SecurityEvent.Of(
                        DomainSecurityEventKind.CredentialEnabled,
                        credential,
                        command.ActorClientId,
                        null,
                        clock.GetUtcNow()
                    )
                );
            await db.SaveChangesAsync(ct);
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

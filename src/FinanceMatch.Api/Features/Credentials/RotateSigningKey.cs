using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using Mediator;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Credentials;

/// <summary>
/// An operator makes a new token signing key current. Tokens signed with the previous key stay valid until they expire
/// (one token lifetime); every process picks the new key up through NOTIFY.
/// </summary>
public static class RotateSigningKey
{
    public sealed record Command(string ActorClientId) : IRequest<SigningKeyDto>;

    public sealed class Handler(FinanceMatchDbContext db, SigningKeyProvider keys, TimeProvider clock)
        : IRequestHandler<Command, SigningKeyDto>
    {
        public async ValueTask<SigningKeyDto> Handle(Command command, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var key = await keys.RotateAsync(db, ct);
            db.SecurityEvents.Add(
                SecurityEvent.Of(
                    DomainSecurityEventKind.SigningKeyRotated,
                    null,
                    null,
                    command.ActorClientId,
                    $"New signing key {key.Kid}.",
                    clock.GetUtcNow()
                )
            );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await keys.ReloadAsync(ct);
            return new SigningKeyDto(key.Kid, key.CreatedAt);
        }
    }

    internal static async Task<SigningKeyDto> Endpoint(Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller.RequiredClientId), ct);
}

using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Auth;

public static class RotateSecret
{
    public sealed record Command(Guid CredentialId) : IRequest<ClientCredentials>;

    public sealed class Handler(FinanceMatchDbContext db, SecretHasher hasher, TimeProvider clock)
        : IRequestHandler<Command, ClientCredentials>
    {
        public async ValueTask<ClientCredentials> Handle(Command command, CancellationToken ct)
        {
            var credential = await db.Credentials.FindAsync([command.CredentialId], ct) ?? throw new NotFoundException("The credential no longer exists.");
            var secret = SecretHasher.NewSecret();
            credential.RotateSecret(hasher.HashGenerated(secret), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return new ClientCredentials(credential.ClientId, secret);
        }
    }

    internal static async Task<ClientCredentials> Endpoint(ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(user.CredentialIdOf()), ct);
}

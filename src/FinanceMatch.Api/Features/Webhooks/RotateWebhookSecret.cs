using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.Extensions.Options;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// A new secret for a webhook (256 random bits), returned this once and stored encrypted like the first; the previous
/// one keeps signing beside it for <c>Webhooks:PreviousSecretHours</c>, so the receiver can switch without refusing a
/// delivery. The webhook's row lock orders concurrent rotations: each keeps, as the previous, the secret the one before
/// it returned.
/// </summary>
public static class RotateWebhookSecret
{
    public sealed record Command(Caller Caller, Guid WebhookId) : IRequest<WebhookSecretDto>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        SecretProtector protector,
        IOptions<WebhookOptions> options,
        TimeProvider clock
    ) : IRequestHandler<Command, WebhookSecretDto>
    {
        public async ValueTask<WebhookSecretDto> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var webhook = await db.LockOwnAsync(command.Caller, command.WebhookId, cancellationToken);
            var now = clock.GetUtcNow();
            var secret = SecretHasher.NewSecret();
            webhook.RotateSecret(
                protector.Protect(SecretPurpose.WebhookSecret, secret),
                now,
                TimeSpan.FromHours(options.Value.PreviousSecretHours)
            );
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new WebhookSecretDto(webhook.Id, secret, now, webhook.PreviousSecretExpiresAt ?? now);
        }
    }

    internal static async Task<WebhookSecretDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id), ct);
}

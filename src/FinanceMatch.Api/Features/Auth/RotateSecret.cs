using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Auth;

/// <summary>
/// The caller replaces its own secret, proving it holds the current one (a stolen token alone cannot take the client
/// over). The credential's version moves on, so every token issued before the rotation is refused at its next request.
/// A wrong current secret is logged; after five in an hour the credential's rotations are refused (429) until the
/// oldest ages out, so a token cannot be used to guess the secret.
/// </summary>
public static class RotateSecret
{
    public sealed record Command(Caller Caller, string CurrentSecret) : IRequest<ClientCredentials>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CurrentSecret).NotEmpty().MaximumLength(256);
    }

    public sealed class Handler(
        FinanceMatchDbContext db,
        SecretHasher hasher,
        CredentialStates states,
        TimeProvider clock
    ) : IRequestHandler<Command, ClientCredentials>
    {
        private const int MaxRefusalsPerHour = 5;

        public async ValueTask<ClientCredentials> Handle(Command command, CancellationToken ct)
        {
            var credential =
                await db.Credentials.SingleOrDefaultAsync(c => c.ClientId == command.Caller.ClientId, ct)
                ?? throw new NotFoundException("The credential no longer exists.");
            var now = clock.GetUtcNow();
            await AttemptLimit.RefuseWhenTooManyAsync(
                db.SecurityEvents.Where(e =>
                    e.ClientId == credential.ClientId && e.Kind == DomainSecurityEventKind.SecretRotationRefused
                ),
                MaxRefusalsPerHour,
                TimeSpan.FromHours(1),
                now,
                "Too many rotations with a wrong current secret in the last hour.",
                ct
            );
            if (!hasher.Verify(credential.SecretHash, command.CurrentSecret))
            {
                db.SecurityEvents.Add(
                    SecurityEvent.Of(
                        DomainSecurityEventKind.SecretRotationRefused,
                        credential,
                        command.Caller.RequiredClientId,
                        "Wrong current secret.",
                        now
                    )
                );
                await db.SaveChangesAsync(CancellationToken.None);
                throw new WrongSecretException();
            }
            var secret = SecretHasher.NewSecret();
            credential.ReplaceSecret(hasher.HashGenerated(secret), now);
            db.SecurityEvents.Add(
                SecurityEvent.Of(
                    DomainSecurityEventKind.SecretRotated,
                    credential,
                    command.Caller.RequiredClientId,
                    null,
                    now
                )
            );
            await db.SaveChangesAsync(ct);
            states.Forget(credential.Id);
            return new ClientCredentials(credential.ClientId, secret);
        }
    }

    internal static async Task<IResult> Endpoint(
        RotateSecretBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        try
        {
            return TypedResults.Ok(await sender.Send(new Command(caller, body.CurrentSecret), ct));
        }
        catch (WrongSecretException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized.",
                detail: "currentSecret is not this client's secret."
            );
        }
    }

    private sealed class WrongSecretException : Exception;
}

using System.Net;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using DomainWebhook = FinanceMatch.Core.Webhooks.Webhook;
using DomainWebhookEvent = FinanceMatch.Core.Webhooks.WebhookEvent;

namespace FinanceMatch.Api.Features.Webhooks;

public static class RegisterWebhook
{
    public sealed record Command(Guid InstitutionId, RegisterWebhookBody Body) : IRequest<WebhookDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<WebhookOptions> options) =>
            RuleFor(c => c.Body).MustBeValidBody(new BodyValidator(options));
    }

    public sealed class BodyValidator : AbstractValidator<RegisterWebhookBody>
    {
        // IOptions, not the options themselves: validators are registered as services too, and Development checks them at start.
        public BodyValidator(IOptions<WebhookOptions> webhookOptions)
        {
            var options = webhookOptions.Value;
            RuleFor(r => r.Url)
                .NotEmpty()
                .MaximumLength(2000)
                .Must(url =>
                    Uri.TryCreate(url, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                )
                .WithMessage("url must be an absolute https URL.")
                .Must(url => options.AllowHttp == true || new Uri(url).Scheme == Uri.UriSchemeHttps)
                .WithMessage("url must use https.")
                .When(r => Uri.TryCreate(r.Url, UriKind.Absolute, out _), ApplyConditionTo.CurrentValidator)
                .Must(url => options.AllowPrivateNetworks == true || !PointsInside(new Uri(url)))
                .WithMessage("url must not point to a loopback or private address.")
                .When(r => Uri.TryCreate(r.Url, UriKind.Absolute, out _), ApplyConditionTo.CurrentValidator)
                .Must(url => string.IsNullOrEmpty(new Uri(url).UserInfo))
                .WithMessage("url must not carry credentials; the signature authenticates the platform.")
                .When(r => Uri.TryCreate(r.Url, UriKind.Absolute, out _), ApplyConditionTo.CurrentValidator);
            RuleFor(r => r.Events)
                .NotEmpty()
                .WithMessage(
                    "Name at least one event: matchCreated, alertRaised, objectionOpened, objectionResolved, listMembersAdded."
                )
                .Must(events =>
                    events.All(e => !Enum.IsDefined(e) || DomainWebhook.CanSubscribeTo(e.Map<DomainWebhookEvent>()))
                )
                .WithMessage("ping cannot be subscribed to: POST /api/v1/webhooks/{id}/ping sends one to a webhook.")
                .When(r => r.Events is not null, ApplyConditionTo.CurrentValidator);
            RuleForEach(r => r.Events).IsInEnum();
            RuleFor(r => r.Secret).NotEmpty().Length(16, 200).WithMessage("secret must be 16 to 200 characters.");
        }

        private static bool PointsInside(Uri uri) =>
            uri.IsLoopback
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && WebhookAddresses.IsPrivate(address));
    }

    public sealed class Handler(FinanceMatchDbContext db, SecretProtector protector, TimeProvider clock)
        : IRequestHandler<Command, WebhookDto>
    {
        public async ValueTask<WebhookDto> Handle(Command command, CancellationToken cancellationToken)
        {
            // One registration of a bank at a time, so two at once cannot both be the tenth.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtext('financematch.webhooks'), hashtext({command.InstitutionId.ToString()}))",
                cancellationToken
            );
            if (
                await db.Webhooks.CountAsync(w => w.InstitutionId == command.InstitutionId, cancellationToken)
                >= WebhookOptions.MaxPerInstitution
            )
                throw new ConflictException(
                    $"A bank may register at most {WebhookOptions.MaxPerInstitution} webhooks; delete one first."
                );
            var webhook = new DomainWebhook
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                InstitutionId = command.InstitutionId,
                Url = command.Body.Url,
                Events = command.Body.Events.Distinct().Select(e => e.Map<DomainWebhookEvent>()).ToList(),
                ProtectedSecret = protector.Protect(SecretPurpose.WebhookSecret, command.Body.Secret),
                CreatedAt = clock.GetUtcNow(),
            };
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return webhook.ToDto();
        }
    }

    internal static async Task<Created<WebhookDto>> Endpoint(
        RegisterWebhookBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var webhook = await sender.Send(new Command(caller.SubjectId, body), ct);
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", webhook);
    }
}

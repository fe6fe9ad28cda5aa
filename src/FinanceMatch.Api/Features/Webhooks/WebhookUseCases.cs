using System.Net;
using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Domain = FinanceMatch.Core.Webhooks;

namespace FinanceMatch.Api.Features.Webhooks;

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this Domain.Webhook w) =>
        new(w.Id, w.InstitutionId, w.Url, w.Events.Select(e => e.Map<WebhookEvent>()).ToList(), w.CreatedAt);

    /// <summary>A bank's own webhook; another bank's does not exist for it.</summary>
    public static async Task<Domain.Webhook> OwnAsync(this FinanceMatchDbContext db, ClaimsPrincipal caller, Guid id, CancellationToken ct)
    {
        var institutionId = caller.SubjectId();
        return await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id && w.InstitutionId == institutionId, ct)
            ?? throw new NotFoundException("No webhook of this bank has this id.");
    }
}

public static class RegisterWebhook
{
    public sealed record Command(Guid InstitutionId, RegisterWebhookRequest Body) : IRequest<WebhookDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<WebhookOptions> options) => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator(options));
    }

    public sealed class BodyValidator : AbstractValidator<RegisterWebhookRequest>
    {
        // IOptions, not the options themselves: validators are registered as services too, and Development checks them at start.
        public BodyValidator(IOptions<WebhookOptions> webhookOptions)
        {
            var options = webhookOptions.Value;
            RuleFor(r => r.Url).NotEmpty().MaximumLength(2000)
                .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
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
            RuleFor(r => r.Events).NotEmpty().WithMessage("Name at least one event: matchCreated, alertRaised, objectionOpened, objectionResolved.");
            RuleForEach(r => r.Events).IsInEnum();
            RuleFor(r => r.Secret).NotEmpty().Length(16, 200).WithMessage("secret must be 16 to 200 characters.");
        }

        private static bool PointsInside(Uri uri) =>
            uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && WebhookAddresses.IsPrivate(address));
    }

    public sealed class Handler(FinanceMatchDbContext db, SecretProtector protector, TimeProvider clock) : IRequestHandler<Command, WebhookDto>
    {
        public async ValueTask<WebhookDto> Handle(Command command, CancellationToken cancellationToken)
        {
            // One registration of a bank at a time, so two at once cannot both be the tenth.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('financematch.webhooks'), hashtext({command.InstitutionId.ToString()}))",
                cancellationToken);
            if (await db.Webhooks.CountAsync(w => w.InstitutionId == command.InstitutionId, cancellationToken) >= WebhookOptions.MaxPerInstitution)
                throw new ConflictException($"A bank may register at most {WebhookOptions.MaxPerInstitution} webhooks; delete one first.");
            var webhook = new Domain.Webhook
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                InstitutionId = command.InstitutionId,
                Url = command.Body.Url,
                Events = command.Body.Events.Distinct().Select(e => e.Map<Domain.WebhookEvent>()).ToList(),
                ProtectedSecret = protector.Protect(SecretPurpose.WebhookSecret, command.Body.Secret),
                CreatedAt = clock.GetUtcNow(),
            };
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return webhook.ToDto();
        }
    }

    internal static async Task<Created<WebhookDto>> Endpoint(RegisterWebhookRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var webhook = await sender.Send(new Command(user.SubjectId(), body), ct);
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", webhook);
    }
}

public static class ListWebhooks
{
    public sealed record Query(Guid InstitutionId) : IRequest<List<WebhookDto>>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, List<WebhookDto>>
    {
        public async ValueTask<List<WebhookDto>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.Webhooks.AsNoTracking().Where(w => w.InstitutionId == query.InstitutionId).OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken))
            .Select(w => w.ToDto()).ToList();
    }

    internal static async Task<List<WebhookDto>> Endpoint(ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(user.SubjectId()), ct);
}

public static class DeleteWebhook
{
    public sealed record Command(ClaimsPrincipal Caller, Guid Id) : IRequest<Unit>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            db.Webhooks.Remove(await db.OwnAsync(command.Caller, command.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal static async Task<NoContent> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Command(user, id), ct);
        return TypedResults.NoContent();
    }
}

public static class ListWebhookDeliveries
{
    public sealed record Query(ClaimsPrincipal Caller, Guid WebhookId, int Page, int PageSize) : IRequest<Paged<WebhookDeliveryDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<WebhookDeliveryDto>>
    {
        public async ValueTask<Paged<WebhookDeliveryDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var webhook = await db.OwnAsync(query.Caller, query.WebhookId, cancellationToken);
            var page = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhook.Id)
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .ToPageAsync(db, query, d => d, cancellationToken);
            var ids = page.Items.Select(d => d.Id).ToList();
            var attempts = (await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Attempt)
                .ToListAsync(cancellationToken)).ToLookup(a => a.DeliveryId);
            return new Paged<WebhookDeliveryDto>(page.Items.Select(d => new WebhookDeliveryDto(d.Id, d.EventId, d.EventType.Map<WebhookEvent>(),
                    d.Status.Map<DeliveryStatus>(), d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt,
                    d.Status == Domain.DeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt,
                    attempts[d.Id].Select(a => new WebhookAttemptDto(a.Attempt, a.StatusCode, a.Error, a.StartedAt, a.DurationMilliseconds)).ToList()))
                .ToList(), page.Page, page.PageSize, page.TotalCount);
        }
    }

    internal static async Task<Paged<WebhookDeliveryDto>> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, id, page, pageSize), ct);
}

public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Bank);
        group.MapPost("", RegisterWebhook.Endpoint)
            .WithSummary("Register an endpoint for matchCreated, alertRaised, objectionOpened and objectionResolved events, signed with the secret (banks; at most 10)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("", ListWebhooks.Endpoint)
            .WithSummary("The bank's webhooks")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id:guid}", DeleteWebhook.Endpoint)
            .WithSummary("Remove a webhook; its pending deliveries are dropped")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries", ListWebhookDeliveries.Endpoint)
            .WithSummary("A webhook's deliveries, newest first, with every attempt's status code, error and time")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

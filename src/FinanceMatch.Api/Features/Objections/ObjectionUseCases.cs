using System.Globalization;
using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Domain = FinanceMatch.Core.Objections;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Objections;

internal static class ObjectionMapping
{
    public static ObjectionDto ToDto(this Domain.Objection o, DateTimeOffset now) =>
        new(o.Id, o.EnterpriseId, o.Uscc, o.FeedType.Map<FeedType>(), o.RecordKey, o.DepartmentId, o.Reason, o.Status.Map<ObjectionStatus>(),
            o.IsOverdue(now), o.ResolutionNote, o.CreatedAt, o.ResolvedAt);

    /// <summary>An objection is seen by its firm and by operators; to anyone else it does not exist.</summary>
    public static void EnsureVisibleTo(this Domain.Objection o, ClaimsPrincipal caller)
    {
        if (!caller.Is(Role.Operator) && !caller.IsParty(Role.Enterprise, o.EnterpriseId)) throw new NotFoundException("No objection has this id.");
    }
}

/// <summary>
/// A firm disputes one of its records. The record must exist for the firm's USCC; one objection may be open per record.
/// </summary>
public static class FileObjection
{
    public sealed record Command(ClaimsPrincipal Caller, Guid EnterpriseId, FileObjectionRequest Body) : IRequest<ObjectionDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<FileObjectionRequest>
    {
        public BodyValidator()
        {
            RuleFor(r => r.FeedType).IsInEnum();
            RuleFor(r => r.RecordKey).NotEmpty().MaximumLength(100);
            RuleFor(r => r.RecordKey).Must((r, key) => RecordKeys.IsWellFormed(r.FeedType, key))
                .WithMessage(r => $"recordKey for {r.FeedType.Wire()} is {RecordKeys.Describe(r.FeedType)}.")
                .When(r => !string.IsNullOrEmpty(r.RecordKey));
            RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IRequestHandler<Command, ObjectionDto>
    {
        public async ValueTask<ObjectionDto> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!command.Caller.IsParty(Role.Enterprise, command.EnterpriseId)) throw new NotFoundException("No enterprise has this id.");
            var uscc = await db.Enterprises.Where(e => e.Id == command.EnterpriseId).Select(e => e.Uscc).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("No enterprise has this id.");
            var (feedType, key) = (command.Body.FeedType.Map<DomainFeedType>(), command.Body.RecordKey);
            var departmentId = await RecordKeys.DepartmentOfAsync(db, uscc, feedType, key, cancellationToken)
                ?? throw new UnprocessableException($"The firm has no {command.Body.FeedType.Wire()} record {key}.");
            if (await db.Objections.AnyAsync(o => o.Uscc == uscc && o.FeedType == feedType && o.RecordKey == key
                    && o.Status == Domain.ObjectionStatus.Open, cancellationToken))
                throw new ConflictException("An objection to this record is already open.");
            var now = clock.GetUtcNow();
            var objection = Domain.Objection.Open(command.EnterpriseId, uscc, feedType, key, departmentId, command.Body.Reason.Trim(), now);
            db.Objections.Add(objection);
            // Banks that already pulled the record learn that it is disputed, in the same transaction as the objection.
            var deliveries = await Webhooks.WebhookOutbox.AddObjectionEventAsync(db, objection, Core.Webhooks.WebhookEvent.ObjectionOpened,
                objection.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken); // a concurrent twin loses on ux_objections_one_open_per_record: 409
            foreach (var delivery in deliveries) jobs.Enqueue<Webhooks.DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return objection.ToDto(now);
        }
    }

    internal static async Task<Created<ObjectionDto>> Endpoint(Guid id, FileObjectionRequest body, ClaimsPrincipal user, ISender sender,
        CancellationToken ct)
    {
        var objection = await sender.Send(new Command(user, id, body), ct);
        return TypedResults.Created($"/api/v1/objections/{objection.Id}", objection);
    }
}

/// <summary>Record keys: the natural key of each feed's records without the USCC.</summary>
internal static class RecordKeys
{
    private static readonly string[] UtilityKinds = ["electricity", "water", "gas"];

    public static string Describe(FeedType feedType) => feedType switch
    {
        FeedType.Tax or FeedType.SocialSecurity => "the month, YYYY-MM",
        FeedType.Utility => "the month and kind, YYYY-MM/electricity, water or gas",
        FeedType.Penalty => "the decisionNo",
        FeedType.Judicial => "the caseNo",
        _ => "unknown",
    };

    public static bool IsWellFormed(FeedType feedType, string key) => feedType switch
    {
        FeedType.Tax or FeedType.SocialSecurity => Month(key) is not null,
        FeedType.Utility => key.Split('/') is [var month, var kind] && Month(month) is not null && UtilityKinds.Contains(kind),
        FeedType.Penalty or FeedType.Judicial => key.Trim() == key && key.Length > 0,
        _ => false,
    };

    private static DateOnly? Month(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    /// <summary>The department whose record of the firm this key names, or null when there is no such record.</summary>
    public static async Task<Guid?> DepartmentOfAsync(FinanceMatchDbContext db, string uscc, DomainFeedType feedType, string key, CancellationToken ct)
    {
        switch (feedType)
        {
            case DomainFeedType.Tax:
                var taxMonth = Month(key);
                return await db.TaxRecords.Where(r => r.Uscc == uscc && r.Period == taxMonth).Select(r => (Guid?)r.DepartmentId).FirstOrDefaultAsync(ct);
            case DomainFeedType.SocialSecurity:
                var socialMonth = Month(key);
                return await db.SocialSecurityRecords.Where(r => r.Uscc == uscc && r.Period == socialMonth)
                    .Select(r => (Guid?)r.DepartmentId).FirstOrDefaultAsync(ct);
            case DomainFeedType.Utility:
                var parts = key.Split('/');
                var utilityMonth = Month(parts[0]);
                return await db.UtilityRecords.Where(r => r.Uscc == uscc && r.Period == utilityMonth && r.Kind == parts[1])
                    .Select(r => (Guid?)r.DepartmentId).FirstOrDefaultAsync(ct);
            case DomainFeedType.Penalty:
                return await db.PenaltyRecords.Where(r => r.Uscc == uscc && r.DecisionNo == key).Select(r => (Guid?)r.DepartmentId).FirstOrDefaultAsync(ct);
            case DomainFeedType.Judicial:
                return await db.JudicialRecords.Where(r => r.Uscc == uscc && r.CaseNo == key).Select(r => (Guid?)r.DepartmentId).FirstOrDefaultAsync(ct);
            default:
                return null;
        }
    }
}

public static class ListObjections
{
    /// <summary>Operators: every objection, or a firm's; the firm itself: its own.</summary>
    public sealed record Query(ClaimsPrincipal Caller, Guid? EnterpriseId, Domain.ObjectionStatus? Status, bool Overdue, int Page, int PageSize)
        : IRequest<Paged<ObjectionDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, Paged<ObjectionDto>>
    {
        public async ValueTask<Paged<ObjectionDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var objections = db.Objections.AsNoTracking();
            if (query.EnterpriseId is { } enterpriseId)
            {
                if (!query.Caller.Is(Role.Operator) && !query.Caller.IsParty(Role.Enterprise, enterpriseId))
                    throw new NotFoundException("No enterprise has this id.");
                objections = objections.Where(o => o.EnterpriseId == enterpriseId);
            }
            var now = clock.GetUtcNow();
            if (query.Status is { } status) objections = objections.Where(o => o.Status == status);
            if (query.Overdue)
            {
                var cutoff = Domain.Objection.OverdueCutoff(now);
                objections = objections.Where(o => o.Status == Domain.ObjectionStatus.Open && o.CreatedAt <= cutoff);
            }
            var ordered = query.EnterpriseId is null
                ? objections.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id) // operators work the oldest first
                : objections.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);
            return await ordered.ToPageAsync(db, query, o => o.ToDto(now), cancellationToken);
        }
    }

    internal static async Task<Paged<ObjectionDto>> Endpoint(ClaimsPrincipal user, ISender sender, CancellationToken ct, string? status = null,
        bool overdue = false, int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, null, EnumText.ParseOptional<Domain.ObjectionStatus>(status, "status"), overdue, page, pageSize), ct);

    internal static async Task<Paged<ObjectionDto>> EnterpriseEndpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, id, null, false, page, pageSize), ct);
}

public static class GetObjection
{
    public sealed record Query(ClaimsPrincipal Caller, Guid Id) : IRequest<ObjectionDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, ObjectionDto>
    {
        public async ValueTask<ObjectionDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var objection = await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("No objection has this id.");
            objection.EnsureVisibleTo(query.Caller);
            return objection.ToDto(clock.GetUtcNow());
        }
    }

    internal static async Task<ObjectionDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(user, id), ct);
}

public static class ResolveObjection
{
    public sealed record Command(ClaimsPrincipal Caller, Guid Id, ResolveObjectionRequest Body) : IRequest<ObjectionDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<ResolveObjectionRequest>
    {
        public BodyValidator()
        {
            RuleFor(r => r.Outcome).IsInEnum();
            RuleFor(r => r.Note).NotEmpty().WithMessage("Say why, for the firm.").MaximumLength(2000);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IRequestHandler<Command, ObjectionDto>
    {
        public async ValueTask<ObjectionDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var objection = await db.Objections.SingleOrDefaultAsync(o => o.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("No objection has this id.");
            var now = clock.GetUtcNow();
            objection.Resolve(command.Body.Outcome.Map<Domain.ObjectionStatus>(), command.Body.Note.Trim(), command.Caller.SubjectId(), now);
            var deliveries = await Webhooks.WebhookOutbox.AddObjectionEventAsync(db, objection, Core.Webhooks.WebhookEvent.ObjectionResolved,
                Guid.CreateVersion7(now), now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken); // two operators at once: one wins on the row version, the other gets 409
            foreach (var delivery in deliveries) jobs.Enqueue<Webhooks.DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return objection.ToDto(now);
        }
    }

    internal static async Task<ObjectionDto> Endpoint(Guid id, ResolveObjectionRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(user, id, body), ct);
}

public static class ObjectionEndpoints
{
    public static void MapObjectionEndpoints(this IEndpointRouteBuilder app)
    {
        var enterprise = app.MapGroup("/api/v1/enterprises/{id:guid}/objections").WithTags("Objections");
        enterprise.MapPost("", FileObjection.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithIdempotency()
            .WithSummary("Dispute one of the firm's records; it shows as disputed in every report while open (the firm itself)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        enterprise.MapGet("", ListObjections.EnterpriseEndpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's objections, newest first (the firm itself, operators)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var objections = app.MapGroup("/api/v1/objections").WithTags("Objections");
        objections.MapGet("", ListObjections.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Every objection, oldest first; overdue=true for those open past 20 days (operators)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        objections.MapGet("/{id:guid}", GetObjection.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("One objection (its firm, operators)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        objections.MapPost("/{id:guid}/resolve", ResolveObjection.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Resolve an open objection as corrected or rejected, with a note (operators)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

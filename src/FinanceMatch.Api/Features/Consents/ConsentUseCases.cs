using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Consent = FinanceMatch.Core.Consents.Consent;
using DomainPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainScope = FinanceMatch.Core.Consents.ConsentScope;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Consents;

internal static class ConsentMapping
{
    public static ConsentDto ToDto(this Consent c, DateTimeOffset now) =>
        new(c.Id, c.EnterpriseId, c.InstitutionId, c.LoanRequestId, c.Scopes.Select(s => s.Map<ConsentScope>()).ToList(),
            c.Purpose.Map<ConsentPurpose>(), c.ExpiresAt,
            c.Status == Core.Consents.ConsentStatus.Revoked ? ConsentStatus.Revoked : c.ExpiresAt <= now ? ConsentStatus.Expired : ConsentStatus.Active,
            c.CreatedAt, c.RevokedAt);

    /// <summary>A firm's own consents: the firm itself always; operators may read but not change them.</summary>
    public static void EnsureFirmOrOperator(ClaimsPrincipal caller, Guid enterpriseId, bool write)
    {
        if (caller.IsParty(Role.Enterprise, enterpriseId)) return;
        if (!write && caller.Is(Role.Operator)) return;
        throw new NotFoundException("No enterprise has this id.");
    }
}

public static class GrantConsent
{
    public sealed record Command(ClaimsPrincipal Caller, Guid EnterpriseId, Guid? InstitutionId, Guid? LoanRequestId,
        IReadOnlyList<ConsentScope> Scopes, ConsentPurpose Purpose, DateTimeOffset ExpiresAt) : IRequest<ConsentDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Must(c => (c.InstitutionId is null) != (c.LoanRequestId is null))
                .WithName("institutionId").WithMessage("Give exactly one of institutionId and loanRequestId.");
            RuleFor(c => c.Scopes).NotEmpty().WithMessage("Name at least one scope.");
            RuleForEach(c => c.Scopes).IsInEnum();
            RuleFor(c => c.Purpose).IsInEnum();
            RuleFor(c => c.ExpiresAt).NotEmpty();
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ConsentDto>
    {
        public async ValueTask<ConsentDto> Handle(Command command, CancellationToken cancellationToken)
        {
            ConsentMapping.EnsureFirmOrOperator(command.Caller, command.EnterpriseId, write: true);
            var now = clock.GetUtcNow();
            if (command.ExpiresAt <= now || command.ExpiresAt > now.AddDays(Consent.MaxDays))
                throw new ValidationException([new("expiresAt", $"expiresAt must be in the future and at most {Consent.MaxDays} days ahead.")]);
            if (command.InstitutionId is { } institutionId && !await db.Institutions.AnyAsync(i => i.Id == institutionId, cancellationToken))
                throw new UnprocessableException("No institution has this institutionId.");
            if (command.LoanRequestId is { } loanRequestId
                && !await db.LoanRequests.AnyAsync(r => r.Id == loanRequestId && r.EnterpriseId == command.EnterpriseId, cancellationToken))
                throw new UnprocessableException("No loan request of this enterprise has this loanRequestId.");
            var consent = Consent.Grant(command.EnterpriseId, command.InstitutionId, command.LoanRequestId,
                command.Scopes.Select(s => s.Map<DomainScope>()), command.Purpose.Map<DomainPurpose>(), command.ExpiresAt, now);
            db.Consents.Add(consent);
            await db.SaveChangesAsync(cancellationToken);
            return consent.ToDto(now);
        }
    }

    internal static async Task<Created<ConsentDto>> Endpoint(Guid id, GrantConsentRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var consent = await sender.Send(new Command(user, id, body.InstitutionId, body.LoanRequestId, body.Scopes ?? [], body.Purpose, body.ExpiresAt), ct);
        return TypedResults.Created($"/api/v1/enterprises/{id}/consents/{consent.Id}", consent);
    }
}

public static class ListConsents
{
    public sealed record Query(ClaimsPrincipal Caller, Guid EnterpriseId, int Page, int PageSize) : IRequest<Paged<ConsentDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, Paged<ConsentDto>>
    {
        public async ValueTask<Paged<ConsentDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            ConsentMapping.EnsureFirmOrOperator(query.Caller, query.EnterpriseId, write: false);
            var now = clock.GetUtcNow();
            return await db.Consents.AsNoTracking().Where(c => c.EnterpriseId == query.EnterpriseId)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .ToPageAsync(db, query, c => c.ToDto(now), cancellationToken);
        }
    }

    internal static async Task<Paged<ConsentDto>> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, id, page, pageSize), ct);
}

public static class RevokeConsent
{
    public sealed record Command(ClaimsPrincipal Caller, Guid EnterpriseId, Guid ConsentId) : IRequest<Unit>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ConsentMapping.EnsureFirmOrOperator(command.Caller, command.EnterpriseId, write: true);
            var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == command.ConsentId && c.EnterpriseId == command.EnterpriseId, cancellationToken)
                ?? throw new NotFoundException("No consent of this enterprise has this id.");
            consent.Revoke(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal static async Task<NoContent> Endpoint(Guid id, Guid consentId, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Command(user, id, consentId), ct);
        return TypedResults.NoContent();
    }
}

public static class ConsentEndpoints
{
    public static void MapConsentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{id:guid}/consents").WithTags("Consents");
        group.MapPost("", GrantConsent.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithIdempotency()
            .WithSummary("Grant a consent to a named institution or to the banks matched to a loan request (the firm itself)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListConsents.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's consents, newest first (the firm itself, operators)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        var enterprise = app.MapGroup("/api/v1/enterprises/{id:guid}").WithTags("Consents");
        enterprise.MapGet("/report", GetReport.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary("A firm's authorised report: banks under a consent in force for the purpose asked (loanAssessment by default), "
                + "the consented scopes only; operators for supervision; records of the last 24 months; every read is appended to the firm's access chain")
            .Produces<ReportDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        enterprise.MapGet("/report-accesses", ListReportAccesses.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("Every read of a firm's credit data, oldest first, each record chained to the one before by SHA-256 (the firm itself, operators)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/audit/report-accesses/verify", VerifyAccessChains.Endpoint)
            .WithTags("Consents")
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Recompute every firm's access chain; lists the records whose hash, predecessor or position does not fit (operators)")
            .Produces<AccessChainVerificationDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{consentId:guid}", RevokeConsent.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary("Revoke a consent at once: the next read under it is refused (the firm itself)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

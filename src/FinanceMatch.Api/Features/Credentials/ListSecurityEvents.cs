using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Credentials;

/// <summary>The append-only security log for operators, newest first, by kind, client or subject.</summary>
public static class ListSecurityEvents
{
    public sealed record Query(DomainSecurityEventKind? Kind, string? ClientId, Guid? SubjectId, int Page, int PageSize)
        : IRequest<Paged<SecurityEventDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.ClientId).MaximumLength(64);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<SecurityEventDto>>
    {
        public async ValueTask<Paged<SecurityEventDto>> Handle(Query query, CancellationToken ct)
        {
            var events = db.SecurityEvents.AsNoTracking();
            if (query.Kind is { } kind)
                events = events.Where(e => e.Kind == kind);
            if (!string.IsNullOrEmpty(query.ClientId))
                events = events.Where(e => e.ClientId == query.ClientId);
            if (query.SubjectId is { } subject)
                events = events.Where(e => e.SubjectId == subject);
            return await events
                .OrderByDescending(e => e.OccurredAt)
                .ThenByDescending(e => e.Id)
                .ToPageAsync(
                    db,
                    query,
                    e => new SecurityEventDto(
                        e.Id,
                        e.OccurredAt,
                        e.Kind.Map<SecurityEventKind>(),
                        e.ClientId,
                        e.SubjectId,
                        e.ActorClientId,
                        e.Detail
                    ),
                    ct
                );
        }
    }

    internal static async Task<Paged<SecurityEventDto>> Endpoint(
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.SecurityEventKind))] string? kind = null,
        string? clientId = null,
        [System.ComponentModel.Description(
            "Only events about this subject: an institution's, department's or firm's id."
        )]
            Guid? subjectId = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(
                EnumText.ParseOptional<DomainSecurityEventKind>(kind, "kind"),
                clientId,
                subjectId,
                page,
                pageSize
            ),
            ct
        );
}

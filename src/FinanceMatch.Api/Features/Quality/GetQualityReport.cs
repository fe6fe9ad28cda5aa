using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Quality;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Quality;

/// <summary>
/// The quality report: every rule with how many records fail it, and the failing records, oldest rule first. A department
/// sees its own records; operators the platform (or one department's, <c>departmentId</c>).
/// </summary>
public static class GetQualityReport
{
    public sealed record Query(Caller Caller, Guid? DepartmentId, string? Rule, int Page, int PageSize)
        : IRequest<QualityReportDto>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.Rule)
                .Must(r => r is null || QualityRules.Find(r) is not null)
                .WithMessage("rule is the code of one of the platform's quality rules.");
        }
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, QualityReportDto>
    {
        public async ValueTask<QualityReportDto> Handle(Query query, CancellationToken ct)
        {
            Guid? departmentId = query.Caller.Is(DomainRole.Department) ? query.Caller.SubjectId : query.DepartmentId;
            if (query.Caller.Is(DomainRole.Department) && query.DepartmentId is { } asked && asked != departmentId)
                throw new ForbiddenException("A department reads the quality report of its own records.");
            var findings = db.QualityFindings.AsNoTracking();
            if (departmentId is { } id)
                findings = findings.Where(f => f.DepartmentId == id);
            var counts = await findings
                .GroupBy(f => f.Rule)
                .Select(g => new { Rule = g.Key, Count = g.LongCount() })
                .ToDictionaryAsync(g => g.Rule, g => g.Count, ct);
            if (query.Rule is { } rule)
                findings = findings.Where(f => f.Rule == rule);
            var page = await findings
                .OrderBy(f => f.Rule)
                .ThenBy(f => f.Uscc)
                .ThenBy(f => f.RecordKey)
                .ToPageAsync(
                    db,
                    query,
                    f => new QualityFindingDto(
                        f.Rule,
                        f.FeedType.Map<FeedType>(),
                        f.DepartmentId,
                        f.Uscc,
                        f.RecordKey,
                        f.Detail,
                        f.FoundAt
                    ),
                    ct
                );
            return new QualityReportDto(
                departmentId,
                QualityRules
                    .All.Select(r => new QualityRuleDto(
                        r.Code,
                        r.FeedType.Map<FeedType>(),
                        r.Description,
                        counts.GetValueOrDefault(r.Code)
                    ))
                    .ToList(),
                page
            );
        }
    }

    internal static async Task<QualityReportDto> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        Guid? departmentId = null,
        [System.ComponentModel.Description(
            "Only findings of this data-quality rule (its code, as GET /api/v1/feeds/quality lists them)."
        )]
            string? rule = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, departmentId, rule, page, pageSize), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// A list's members, newest first: every member for its department (by USCC only: it learns nothing of who registered)
/// and operators; for a bank it is shared with, only the registered firms holding an institution consent for that bank
/// in force (what the bank could read anyway), so a bank never learns who else is on a list.
/// </summary>
public static class ListListMembers
{
    public sealed record Query(Guid ListId, Caller Caller, int Page, int PageSize)
        : IRequest<Paged<ListMemberDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Query, Paged<ListMemberDto>>
    {
        public async ValueTask<Paged<ListMemberDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var caller = query.Caller;
            var list = await ListAccess.FindVisibleAsync(db, caller, query.ListId, cancellationToken);
            var now = clock.GetUtcNow();
            var members =
                from m in db.ListMembers.AsNoTracking()
                where m.ListId == list.Id
                select new
                {
                    m.Uscc,
                    m.AddedAt,
                    m.BatchId,
                    EnterpriseId = db
                        .Enterprises.Where(e =>
                            e.Uscc == m.Uscc && e.Verification == Core.Enterprises.EnterpriseVerification.Verified
                        )
                        .Select(e => (Guid?)e.Id)
                        .FirstOrDefault(),
                };
            if (caller.Is(DomainRole.Bank))
            {
                var bank = caller.SubjectId;
                members = members.Where(m =>
                    m.EnterpriseId != null
                    && db.Consents.Any(c =>
                        c.EnterpriseId == m.EnterpriseId
                        && c.InstitutionId == bank
                        && c.Status == Core.Consents.ConsentStatus.Active
                        && c.ExpiresAt > now
                    )
                );
            }
            return await members
                .OrderByDescending(m => m.AddedAt)
                .ThenBy(m => m.Uscc)
                .ToPageAsync(
                    db,
                    query,
                    // A department learns nothing of who registered on the platform from its own list.
                    m => new ListMemberDto(
                        m.Uscc,
                        caller.Is(DomainRole.Department) ? null : m.EnterpriseId,
                        m.AddedAt,
                        m.BatchId
                    ),
                    cancellationToken
                );
        }
    }

    internal static async Task<Paged<ListMemberDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(id, caller, page, pageSize), ct);
}

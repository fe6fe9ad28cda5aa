using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Departments;
using Role = FinanceMatch.Core.Identity.Role;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Departments;

public static class ListDepartments
{
    public sealed record Query(int Page, int PageSize) : IRequest<Paged<DepartmentDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<DepartmentDto>>
    {
        public async ValueTask<Paged<DepartmentDto>> Handle(Query query, CancellationToken ct) =>
            await db.Departments.AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id).ToPageAsync(db, query, ToDto, ct);
    }

    internal static DepartmentDto ToDto(Department d) =>
        new(d.Id, d.Name, d.Code, d.FeedTypes.Select(f => f.Map<FeedType>()).ToList(), d.CreatedAt);

    internal static async Task<Paged<DepartmentDto>> Endpoint(ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(page, pageSize), ct);
}

public static class GetDepartment
{
    public sealed record Query(Guid Id, ClaimsPrincipal Caller) : IRequest<DepartmentDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, DepartmentDto>
    {
        public async ValueTask<DepartmentDto> Handle(Query query, CancellationToken ct)
        {
            var visible = query.Caller.Is(Role.Operator) || query.Caller.IsParty(Role.Department, query.Id);
            var department = visible ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == query.Id, ct) : null;
            return ListDepartments.ToDto(department ?? throw new NotFoundException("No department has this id."));
        }
    }

    internal static async Task<DepartmentDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Departments;
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
            await db
                .Departments.AsNoTracking()
                .OrderBy(d => d.Name)
                .ThenBy(d => d.Id)
                .ToPageAsync(db, query, ToDto, ct);
    }

    internal static DepartmentDto ToDto(Department d) =>
        new(d.Id, d.Name, d.Code, d.FeedTypes.Select(f => f.Map<FeedType>()).ToList(), d.CreatedAt);

    internal static async Task<Paged<DepartmentDto>> Endpoint(
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(page, pageSize), ct);
}

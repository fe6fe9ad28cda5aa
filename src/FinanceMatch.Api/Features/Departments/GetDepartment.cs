using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Departments;

public static class GetDepartment
{
    public sealed record Query(Guid Id, Caller Caller) : IRequest<DepartmentDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, DepartmentDto>
    {
        public async ValueTask<DepartmentDto> Handle(Query query, CancellationToken ct)
        {
            var visible = query.Caller.Is(DomainRole.Operator) || query.Caller.IsParty(DomainRole.Department, query.Id);
            var department = visible
                ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == query.Id, ct)
                : null;
            return ListDepartments.ToDto(department ?? throw new NotFoundException("No department has this id."));
        }
    }

    internal static async Task<DepartmentDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}

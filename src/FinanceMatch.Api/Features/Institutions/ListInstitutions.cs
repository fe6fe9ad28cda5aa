using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Institutions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using InstitutionKind = FinanceMatch.Client.Contracts.InstitutionKind;

namespace FinanceMatch.Api.Features.Institutions;

public static class ListInstitutions
{
    public sealed record Query(int Page, int PageSize) : IRequest<Paged<InstitutionDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<InstitutionDto>>
    {
        public async ValueTask<Paged<InstitutionDto>> Handle(Query query, CancellationToken ct) =>
            await db
                .Institutions.AsNoTracking()
                .OrderBy(i => i.Name)
                .ThenBy(i => i.Id)
                .ToPageAsync(db, query, ToDto, ct);
    }

    internal static InstitutionDto ToDto(Institution i) =>
        new(i.Id, i.Name, i.Code, i.CreatedAt, i.Kind.Map<InstitutionKind>());

    internal static async Task<Paged<InstitutionDto>> Endpoint(
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(page, pageSize), ct);
}

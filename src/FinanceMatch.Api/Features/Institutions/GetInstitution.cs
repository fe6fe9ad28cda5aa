using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Institutions;

public static class GetInstitution
{
    public sealed record Query(Guid Id) : IRequest<InstitutionDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, InstitutionDto>
    {
        public async ValueTask<InstitutionDto> Handle(Query query, CancellationToken ct)
        {
            var institution =
                await db.Institutions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.Id, ct)
                ?? throw new NotFoundException("No institution has this id.");
            return ListInstitutions.ToDto(institution);
        }
    }

    internal static async Task<InstitutionDto> Endpoint(Guid id, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id), ct);
}

using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>One programme with its terms and budget (any signed-in caller).</summary>
public static class GetRiskProgramme
{
    public sealed record Query(Guid ProgrammeId) : IRequest<RiskProgrammeDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, RiskProgrammeDto>
    {
        public async ValueTask<RiskProgrammeDto> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db
                    .RiskProgrammes.AsNoTracking()
                    .SingleOrDefaultAsync(p => p.Id == query.ProgrammeId, cancellationToken)
            )?.ToDto() ?? throw new NotFoundException("No programme has this id.");
    }

    internal static async Task<RiskProgrammeDto> Endpoint(Guid id, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id), ct);
}

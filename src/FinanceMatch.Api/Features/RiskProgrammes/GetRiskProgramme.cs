using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>One programme with its terms (any signed-in caller) and its money (operators, its department).</summary>
public static class GetRiskProgramme
{
    public sealed record Query(Guid ProgrammeId, Caller Caller) : IRequest<RiskProgrammeDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, RiskProgrammeDto>
    {
        public async ValueTask<RiskProgrammeDto> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db
                    .RiskProgrammes.AsNoTracking()
                    .SingleOrDefaultAsync(p => p.Id == query.ProgrammeId, cancellationToken)
            )?.ToDtoFor(query.Caller) ?? throw new NotFoundException("No programme has this id.");
    }

    internal static async Task<RiskProgrammeDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(id, caller), ct);
}

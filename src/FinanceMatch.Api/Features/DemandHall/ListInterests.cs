using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.DemandHall;

/// <summary>The banks interested in the firm's request, oldest first (the firm itself; another firm's request is 404).</summary>
public static class ListInterests
{
    public sealed record Query(Caller Caller, Guid LoanRequestId) : IRequest<List<DemandHallInterestDto>>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, List<DemandHallInterestDto>>
    {
        public async ValueTask<List<DemandHallInterestDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var firm = query.Caller.SubjectId;
            if (
                !await db.LoanRequests.AnyAsync(
                    r => r.Id == query.LoanRequestId && r.EnterpriseId == firm,
                    cancellationToken
                )
            )
                throw new NotFoundException("Your enterprise has no loan request with this id.");
            var interests = await db
                .DemandHallInterests.AsNoTracking()
                .Where(i => i.LoanRequestId == query.LoanRequestId)
                .OrderBy(i => i.CreatedAt)
                .ThenBy(i => i.Id)
                .ToListAsync(cancellationToken);
            return await DemandHallMapping.ToDtosAsync(db, interests, cancellationToken);
        }
    }

    internal static async Task<List<DemandHallInterestDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(caller, id), ct);
}

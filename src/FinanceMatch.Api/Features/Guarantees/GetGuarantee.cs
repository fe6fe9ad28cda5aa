using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>One guarantee: to its guarantor, the banks whose matches rely on it, its firm and operators.</summary>
public static class GetGuarantee
{
    public sealed record Query(Caller Caller, Guid GuaranteeId) : IRequest<GuaranteeDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, GuaranteeDto>
    {
        public async ValueTask<GuaranteeDto> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db
                    .Guarantees.AsNoTracking()
                    .VisibleTo(db, query.Caller)
                    .SingleOrDefaultAsync(g => g.Id == query.GuaranteeId, cancellationToken)
            )?.ToDto() ?? throw new NotFoundException("No guarantee you may see has this id.");
    }

    internal static async Task<GuaranteeDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(caller, id), ct);
}

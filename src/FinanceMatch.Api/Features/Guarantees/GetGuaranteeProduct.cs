using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>One guarantee product: published ones to anyone, others to their institution and operators.</summary>
public static class GetGuaranteeProduct
{
    public sealed record Query(Caller Caller, Guid ProductId) : IRequest<GuaranteeProductDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, GuaranteeProductDto>
    {
        public async ValueTask<GuaranteeProductDto> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db
                    .GuaranteeProducts.AsNoTracking()
                    .VisibleTo(query.Caller)
                    .SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken)
            )?.ToDto(query.Caller) ?? throw new NotFoundException("No guarantee product has this id.");
    }

    internal static async Task<GuaranteeProductDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(caller, id), ct);
}

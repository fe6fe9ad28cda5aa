using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainDemandHallInterest = FinanceMatch.Core.DemandHall.DemandHallInterest;

namespace FinanceMatch.Api.Features.DemandHall;

internal static class DemandHallMapping
{
    /// <summary>Interests with their bank's and product's names and rates, in the order given.</summary>
    public static async Task<List<DemandHallInterestDto>> ToDtosAsync(
        FinanceMatchDbContext db,
        IReadOnlyList<DomainDemandHallInterest> interests,
        CancellationToken ct
    )
    {
        var banks = interests.Select(i => i.InstitutionId).Distinct().ToList();
        var products = interests.Select(i => i.ProductId).Distinct().ToList();
        var requests = interests.Select(i => i.LoanRequestId).Distinct().ToList();
        var hallIds = await db
            .LoanRequests.Where(r => requests.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.HallId, ct);
        var names = await db
            .Institutions.Where(i => banks.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var terms = await db
            .Products.Where(p => products.Contains(p.Id))
            .ToDictionaryAsync(
                p => p.Id,
                p => new
                {
                    p.Name,
                    p.MinAnnualRate,
                    p.MaxAnnualRate,
                },
                ct
            );
        return
        [
            .. interests.Select(i => new DemandHallInterestDto(
                i.Id,
                hallIds[i.LoanRequestId],
                i.InstitutionId,
                names[i.InstitutionId],
                i.ProductId,
                terms[i.ProductId].Name,
                terms[i.ProductId].MinAnnualRate,
                terms[i.ProductId].MaxAnnualRate,
                i.Note,
                i.Status.Map<InterestStatus>(),
                i.CreatedAt,
                i.MatchId
            )),
        ];
    }
}

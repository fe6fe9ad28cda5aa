using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainAnonymisation = FinanceMatch.Core.DemandHall.Anonymisation;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.DemandHall;

/// <summary>
/// The demand hall (抢单大厅), newest first, for banks (and operators): requests nobody took, anonymised so that no
/// entry singles out a firm (<see cref="DomainAnonymisation"/>): no name, USCC, purpose text or exact amount; division,
/// industry section and grade band shown only as far as five verified firms share them.
/// </summary>
public static class ListDemandHall
{
    public sealed record Query(Caller Caller, int Page, int PageSize)
        : IRequest<Paged<DemandHallEntryDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, NpgsqlDataSource dataSource, TimeProvider clock)
        : IRequestHandler<Query, Paged<DemandHallEntryDto>>
    {
        public async ValueTask<Paged<DemandHallEntryDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            await DemandHallAccess.EnsureLendingBankAsync(db, query.Caller, ct);
            var bank = query.Caller.Is(DomainRole.Bank) ? query.Caller.SubjectId : Guid.Empty;
            var hall = DemandHallAccess.InHall(db, bank, clock.GetUtcNow()).AsNoTracking();
            var total = await hall.CountAsync(ct);
            var rows = await (
                from r in hall
                join e in db.Enterprises on r.EnterpriseId equals e.Id
                orderby r.CreatedAt descending, r.Id
                select new
                {
                    r.Id,
                    r.HallId,
                    r.Amount,
                    r.TermMonths,
                    r.PurposeCategory,
                    r.GuaranteeTypes,
                    r.CreatedAt,
                    e.DivisionCode,
                    e.IndustryCode,
                    Grade = db.CreditProfiles.Where(p => p.EnterpriseId == e.Id).Select(p => p.Grade).FirstOrDefault(),
                    Interested = db.DemandHallInterests.Any(i => i.LoanRequestId == r.Id && i.InstitutionId == bank),
                }
            )
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .ToListAsync(ct);
            var cells = await CellsAsync(rows.Select(r => r.DivisionCode[..2]).Distinct().ToArray(), ct);
            var items = rows.Select(r =>
                {
                    var (division, section, band) = DomainAnonymisation.Generalise(
                        r.DivisionCode,
                        r.IndustryCode,
                        DomainAnonymisation.BandOf(r.Grade),
                        cells
                    );
                    return new DemandHallEntryDto(
                        r.HallId,
                        DomainAnonymisation.RoundAmount(r.Amount),
                        r.TermMonths,
                        r.PurposeCategory.Map<PurposeCategory>(),
                        r.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(),
                        division,
                        section,
                        band,
                        DomainAnonymisation.WeekOf(r.CreatedAt),
                        r.Interested
                    );
                })
                .ToList();
            return new Paged<DemandHallEntryDto>(items, query.Page, query.PageSize, total);
        }

        /// <summary>Verified firms by (city, industry section, grade band) in the given provinces.</summary>
        private async Task<Dictionary<(string City, string Section, string Band), int>> CellsAsync(
            string[] provinces,
            CancellationToken ct
        )
        {
            var cells = new Dictionary<(string, string, string), int>();
            if (provinces.Length == 0)
                return cells;
            var counted = await Sql.QueryAsync(
                dataSource,
                Sql.Load("DemandHall.PopulationCells"),
                r =>
                    (
                        City: r.GetString(0),
                        Section: r.GetString(1),
                        Grade: r.IsDBNull(2) ? null : r.GetString(2),
                        Count: r.GetInt32(3)
                    ),
                ct,
                (object)provinces
            );
            foreach (var c in counted)
            {
                var key = (c.City, c.Section, DomainAnonymisation.BandOf(c.Grade));
                cells[key] = cells.GetValueOrDefault(key) + c.Count;
            }
            return cells;
        }
    }

    internal static async Task<Paged<DemandHallEntryDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, page, pageSize), ct);
}

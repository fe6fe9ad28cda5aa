using FinanceMatch.Core.Data;
using FinanceMatch.Core.LoanRequests;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>One product evaluated against one request: every rule checked, and the fit score.</summary>
public sealed record ProductEvaluation(Product Product, IReadOnlyList<RuleCheck> Checks, FitBreakdown Fit)
{
    public IReadOnlyList<RuleCheck> Failed { get; } = Checks.Where(c => !c.Passed).ToList();
    public bool Matches => Failed.Count == 0;
}

/// <summary>
/// Evaluates published products against a loan request and the firm's current registration data and profile. SQL applies
/// every rule and the fit score and returns each bank's best product; the rules in <see cref="MatchRules"/> then decide
/// and explain, so there is one definition of every rule.
/// </summary>
public sealed class MatchingEngine(FinanceMatchDbContext db, TimeProvider clock)
{
    /// <summary>The firm's registration data, profile and latest serious penalty, in one query.</summary>
    public async Task<Applicant> ApplicantAsync(Guid enterpriseId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The profile as a join on its unique enterprise id: a SingleOrDefault subquery became a window over every
        // profile (ROW_NUMBER() partitioned by firm), which read the whole table for each request (338 ms at 20,000 firms).
        var firm = await (
            from e in db.Enterprises.AsNoTracking()
            where e.Id == enterpriseId
            join p in db.CreditProfiles on e.Id equals p.EnterpriseId into profiles
            from p in profiles.DefaultIfEmpty()
            select new
            {
                e.DivisionCode,
                e.IndustryCode,
                e.EstablishedOn,
                Profile = p == null
                    ? null
                    : new
                    {
                        p.Rated,
                        p.Grade,
                        p.Score,
                        p.TaxPaidLast12Months,
                        p.InsuredEmployeesLatest,
                        p.DishonestDebtor,
                    },
                LatestSeriousPenaltyOn = db
                    .PenaltyRecords.Where(r => r.Uscc == e.Uscc && r.Severity == "serious" && r.RevokedOn == null)
                    .Max(r => (DateOnly?)r.DecidedOn),
                Lists = db
                    .ListMembers.Where(m =>
                        m.Uscc == e.Uscc
                        && db.Lists.Any(l =>
                            l.Id == m.ListId && l.ValidFrom <= today && (l.ValidTo == null || l.ValidTo >= today)
                        )
                    )
                    .Select(m => m.ListId)
                    .ToList(),
            }
        ).SingleAsync(ct);
        var years = (today.DayNumber - firm.EstablishedOn.DayNumber) / 365.25;
        var profile = firm.Profile;
        return new Applicant(
            firm.DivisionCode,
            firm.IndustryCode,
            profile?.Rated ?? false,
            profile?.Grade,
            profile?.Score,
            years,
            profile?.TaxPaidLast12Months ?? 0,
            profile?.InsuredEmployeesLatest,
            profile?.DishonestDebtor ?? false,
            firm.LatestSeriousPenaltyOn,
            today,
            firm.Lists
        );
    }

    public static LoanAsk AskOf(LoanRequest request) =>
        new(request.Amount, request.TermMonths, request.GuaranteeTypes, request.MaxAnnualRate);

    /// <summary>The best-fitting matching product of each bank (<see cref="BestProductOfEachBankQuery"/>), checked and explained by <see cref="MatchRules"/>.</summary>
    public async Task<List<ProductEvaluation>> BestProductOfEachBankAsync(
        LoanAsk ask,
        Applicant firm,
        CancellationToken ct
    )
    {
        if (ask.GuaranteeTypes.Count == 0)
            return []; // No security left to offer (a guarantee nobody covers): nothing matches.
        var best = await db
            .Products.FromSqlRaw(BestProductOfEachBankQuery.Text, BestProductOfEachBankQuery.Parameters(ask, firm))
            .AsNoTracking()
            .ToListAsync(ct);
        return best.Select(p => Evaluate(p, ask, firm)).Where(e => e.Matches).ToList();
    }

    /// <summary>
    /// A page of every published product the firm passes, best fit first, with its fit score and the total passing: for
    /// <paramref name="ask"/> (its rules and fit parts too, exactly as a matching run), or on the firm's own rules only.
    /// One query, the engine's own text in its every-product variant (<see cref="BestProductOfEachBankQuery"/>).
    /// </summary>
    public async Task<(List<(Guid ProductId, int Fit)> Page, long Total)> EveryEligibleProductAsync(
        Applicant firm,
        LoanAsk? ask,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        NpgsqlParameter[] parameters =
        [
            .. ask is null
                ? BestProductOfEachBankQuery.FirmParameters(firm)
                : BestProductOfEachBankQuery.Parameters(ask, firm),
            new("limit", NpgsqlTypes.NpgsqlDbType.Integer) { Value = pageSize },
            new("offset", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (page - 1) * pageSize },
        ];
        await using var command = Infrastructure.Sql.Command(
            connection,
            ask is null
                ? BestProductOfEachBankQuery.EveryProductForFirm
                : BestProductOfEachBankQuery.EveryProductForAsk,
            parameters
        );
        var found = new List<(Guid, int)>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            total = reader.GetInt64(0);
            if (!await reader.IsDBNullAsync(1, ct))
                found.Add((reader.GetGuid(1), reader.GetInt32(2)));
        }
        return (found, total);
    }

    /// <summary>
    /// A request made to one product (the firm applied to it): that product, when it is still published and every rule
    /// passes; else nothing.
    /// </summary>
    public async Task<List<ProductEvaluation>> ChosenProductAsync(
        Guid productId,
        LoanAsk ask,
        Applicant firm,
        CancellationToken ct
    )
    {
        var product = await Published().SingleOrDefaultAsync(p => p.Id == productId, ct);
        return product is null ? [] : [.. new[] { Evaluate(product, ask, firm) }.Where(e => e.Matches)];
    }

    /// <summary>Published products failed by one or two rules. SQL drops those failing three or more of the basic rules.</summary>
    public async Task<List<ProductEvaluation>> NearMissesAsync(
        LoanAsk ask,
        Applicant firm,
        int maxFailures,
        CancellationToken ct
    )
    {
        var guarantees = ask.GuaranteeTypes.ToList();
        var maxRate = ask.MaxAnnualRate;
        var candidates = await Published()
            .Where(p =>
                (p.MinAmount > ask.Amount || p.MaxAmount < ask.Amount ? 1 : 0)
                    + (p.MinTermMonths > ask.TermMonths || p.MaxTermMonths < ask.TermMonths ? 1 : 0)
                    + (p.GuaranteeTypes.Any(g => guarantees.Contains(g)) ? 0 : 1)
                    + (maxRate != null && p.MinAnnualRate > maxRate ? 1 : 0)
                <= maxFailures
            )
            .ToListAsync(ct);
        return candidates
            .Select(p => Evaluate(p, ask, firm))
            .Where(e => e.Failed.Count is > 0 && e.Failed.Count <= maxFailures)
            .ToList();
    }

    private IQueryable<Product> Published() =>
        db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Published);

    /// <summary>Every rule of <paramref name="product"/> checked against the request and the firm, and the fit score.</summary>
    public static ProductEvaluation Evaluate(Product product, LoanAsk ask, Applicant firm)
    {
        var terms = product.Terms;
        return new ProductEvaluation(product, MatchRules.Evaluate(terms, ask, firm), MatchRules.Fit(terms, ask, firm));
    }

    /// <summary>
    /// The ranking: the best-fitting product of each bank (a bank's inbox gets a firm once), banks ordered by that fit, then
    /// the cheaper product, then the older one; at most <paramref name="limit"/>.
    /// </summary>
    public static List<ProductEvaluation> Rank(IEnumerable<ProductEvaluation> matching, int limit) =>
        matching
            .GroupBy(e => e.Product.InstitutionId)
            .Select(bank => bank.OrderBy(Order).First())
            .OrderBy(Order)
            .Take(limit)
            .ToList();

    private static (int, decimal, DateTimeOffset, Guid) Order(ProductEvaluation e) =>
        (-e.Fit.Total, e.Product.MinAnnualRate, e.Product.CreatedAt, e.Product.Id);
}

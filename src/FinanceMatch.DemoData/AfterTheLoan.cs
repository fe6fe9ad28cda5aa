using System.Globalization;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Npgsql;

/// <summary>
/// The demo's loans after disbursement, through the real API: a risk-compensation programme of the finance bureau covers
/// the banks' loans; the banks report this period's performance (most repaying, some overdue or settled, a few in
/// default, more often the lower the firm's score), claim from the guarantor first for guaranteed loans and then on the
/// programme, and the bureau pays most claims and refuses some. Then the loans are spread over two years
/// (<see cref="AgeAsync"/>).
/// </summary>
internal static class AfterTheLoan
{
    public sealed record Disbursed(FinanceMatchClient Bank, Guid LoanId, decimal Amount, int? Score, Guid? GuaranteeId);

    /// <summary>The bureau's programme: 40% of a loss, at most 1,000,000 a loan, first loans and later ones alike.</summary>
    public static async Task<RiskProgrammeDto> ProgrammeAsync(FinanceMatchClient fund)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await fund.RiskProgrammes.CreateAsync(
            new CreateRiskProgrammeBody(
                "Foshan Credit-Easy-Loan Risk Compensation Fund",
                null,
                50_000_000m,
                0.4m,
                1_000_000m,
                new RiskProgrammeEligibilityDto(DivisionPrefixes: ["44"]),
                180,
                today.AddYears(-2),
                today.AddYears(3)
            )
        );
    }

    /// <summary>
    /// The chance that a loan to a firm with this score defaults: a demo's risk curve, centred on its borrowers' scores
    /// (most are rated AA or AAA, 830–990), steep enough for the published scorecard to find the scores telling; an
    /// unrated firm is a middling risk.
    /// </summary>
    private static double DefaultRisk(int? score) =>
        score is { } s ? 0.02 + 0.6 / (1 + Math.Exp((s - 870) / 25.0)) : 0.15;

    public static async Task FollowAsync(
        IReadOnlyList<Disbursed> loans,
        FinanceMatchClient fund,
        FinanceMatchClient guarantor,
        Random random
    )
    {
        var period = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (repaying, overdue, settled, defaulted, paid, refused, guarantorPaid) = (0, 0, 0, 0, 0, 0, 0);
        foreach (var (bank, id, amount, score, guaranteeId) in loans)
        {
            // Defaults (16–17) by the firm's score; the other fates, in 18: 11 repaying, 3 overdue, 2 settled, 2 unreported.
            var fate = random.Next(18);
            if (fate >= 16)
                fate += 2;
            if (random.NextDouble() < DefaultRisk(score))
                fate = 16;
            var outstanding = Math.Round(amount * (decimal)(0.5 + random.NextDouble() * 0.45), 2);
            if (fate < 11)
            {
                await bank.Loans.ReportPerformanceAsync(
                    id,
                    new ReportLoanPerformanceBody(period, outstanding, 0, LoanStatus.Repaying)
                );
                repaying++;
            }
            else if (fate < 14)
            {
                await bank.Loans.ReportPerformanceAsync(
                    id,
                    new ReportLoanPerformanceBody(period, outstanding, 10 + random.Next(50), LoanStatus.Overdue)
                );
                overdue++;
            }
            else if (fate < 16)
            {
                await bank.Loans.ReportPerformanceAsync(
                    id,
                    new ReportLoanPerformanceBody(period, 0m, 0, LoanStatus.Settled)
                );
                settled++;
            }
            else if (fate < 18)
            {
                await bank.Loans.ReportPerformanceAsync(
                    id,
                    new ReportLoanPerformanceBody(period, outstanding, 95, LoanStatus.Overdue)
                );
                var loan = await bank.Loans.ReportPerformanceAsync(
                    id,
                    new ReportLoanPerformanceBody(period, outstanding, 95, LoanStatus.Defaulted)
                );
                defaulted++;
                if (guaranteeId is { } guarantee)
                {
                    // 政银担: the guarantor first, then the programme for its share of the rest.
                    await bank.Guarantees.ClaimAsync(guarantee, new ClaimGuaranteeBody(outstanding));
                    await guarantor.Guarantees.PayClaimAsync(
                        guarantee,
                        new DecideGuaranteeClaimBody("Paid to the bank.")
                    );
                    guarantorPaid++;
                }
                if (loan.Cover is null)
                    continue;
                var claim = await bank.RiskProgrammes.FileClaimAsync(id, new FileClaimBody(outstanding));
                if (defaulted % 3 == 0)
                {
                    await fund.RiskProgrammes.RejectClaimAsync(
                        claim.Id,
                        new DecideClaimBody("Collateral enforcement not yet exhausted; file again after it.")
                    );
                    refused++;
                }
                else
                {
                    await fund.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody("Paid to the bank."));
                    paid++;
                }
            }
            // The rest are left unreported: this period's report is not due yet.
        }
        Console.WriteLine(
            $"{loans.Count} loans followed: {repaying} repaying, {overdue} overdue, {settled} settled, {defaulted} in default; "
                + $"{guarantorPaid} paid by the guarantor; {paid} claims paid by the risk fund, {refused} refused"
        );
    }

    /// <summary>
    /// Spreads the loans just paid out over the last two years (Sql/AgeTheDemoLoans.sql, development only), when the
    /// loader is given the database (<c>ConnectionStrings__FinanceMatch</c>, as scripts/run.sh does); the API cannot date
    /// a disbursement before its approval, so a world loaded in minutes would otherwise have no history at all.
    /// </summary>
    public static async Task AgeAsync(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            Console.WriteLine(
                "No history: ConnectionStrings__FinanceMatch is not set, so every loan stays paid out today."
            );
            return;
        }
        using var reader = new StreamReader(
            typeof(AfterTheLoan).Assembly.GetManifestResourceStream("FinanceMatch.DemoData.Sql.AgeTheDemoLoans.sql")!
        );
        var sql = await reader.ReadToEndAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var (aged, older) = (0L, 0L);
        await using (var result = await command.ExecuteReaderAsync())
        {
            do
            {
                if (result.FieldCount == 2 && await result.ReadAsync())
                    (aged, older) = (result.GetInt64(0), result.GetInt64(1));
            } while (await result.NextResultAsync());
        }
        await transaction.CommitAsync();
        Console.WriteLine(
            $"History: {aged} loans spread over the last two years, {older} of them paid out over a year ago."
        );
    }
}

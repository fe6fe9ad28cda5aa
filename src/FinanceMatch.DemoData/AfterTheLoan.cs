using System.Globalization;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

/// <summary>
/// The demo's loans after disbursement, through the real API: a risk-compensation programme of the finance bureau covers
/// the banks' loans; the banks report this period's performance (most repaying, some overdue or settled, a few in
/// default), claim on the programme for the defaults, and the bureau pays most claims and refuses one.
/// </summary>
internal static class AfterTheLoan
{
    public sealed record Disbursed(FinanceMatchClient Bank, Guid LoanId, decimal Amount);

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

    public static async Task FollowAsync(IReadOnlyList<Disbursed> loans, FinanceMatchClient fund, Random random)
    {
        var period = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (repaying, overdue, settled, defaulted, paid, refused) = (0, 0, 0, 0, 0, 0);
        foreach (var (bank, id, amount) in loans)
        {
            var fate = random.Next(20);
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
                + $"{paid} claims paid by the risk fund, {refused} refused"
        );
    }
}

using System.Globalization;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainLoan = FinanceMatch.Core.Loans.Loan;
using DomainLoanPerformanceReport = FinanceMatch.Core.Loans.LoanPerformanceReport;

namespace FinanceMatch.Api.Features.Loans;

internal static class LoanMapping
{
    public static string Period(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static LoanDto ToDto(this DomainLoan l, LoanCoverDto? cover, DateOnly today) =>
        new(
            l.Id,
            l.LoanRequestId,
            l.EnterpriseId,
            l.InstitutionId,
            l.ProductId,
            l.ProductVersion,
            l.Amount,
            l.AnnualRate,
            l.TermMonths,
            l.DisbursedOn,
            l.FirstLoan,
            l.GuaranteeType.Map<GuaranteeType>(),
            l.Status.Map<LoanStatus>(),
            l.PrincipalOutstanding,
            l.OverdueDays,
            l.LastPeriod is { } last ? Period(last) : null,
            l.DefaultedOn,
            l.EndedOn,
            l.IsStale(today),
            cover,
            l.UpdatedAt,
            l.GuaranteeId,
            l.PolicyIds
        );

    public static LoanPerformanceDto ToDto(this DomainLoanPerformanceReport r) =>
        new(
            Period(r.Period),
            r.PrincipalOutstanding,
            r.OverdueDays,
            r.Status.Map<LoanStatus>(),
            r.BatchId,
            r.ReportedAt
        );

    /// <summary>The programme covering each of these loans, if one does.</summary>
    public static async Task<Dictionary<Guid, LoanCoverDto>> CoversAsync(
        FinanceMatchDbContext db,
        IReadOnlyCollection<Guid> loanIds,
        CancellationToken ct
    )
    {
        var covers = await (
            from e in db.RiskEnrolments.AsNoTracking()
            join p in db.RiskProgrammes on e.ProgrammeId equals p.Id
            where loanIds.Contains(e.LoanId)
            select new { Enrolment = e, p.Name }
        ).ToListAsync(ct);
        return covers.ToDictionary(
            c => c.Enrolment.LoanId,
            c => new LoanCoverDto(
                c.Enrolment.ProgrammeId,
                c.Name,
                c.Enrolment.Exposure,
                c.Enrolment.Reserved,
                c.Enrolment.Status.Map<EnrolmentStatus>()
            )
        );
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainLoan = FinanceMatch.Core.Loans.Loan;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Loans;

/// <summary>Who may see and report a loan: its bank, its firm (to see), operators (to see).</summary>
internal static class LoanAccess
{
    /// <summary>The loans a caller may see: a bank its institution's, a firm its own, operators all.</summary>
    public static IQueryable<DomainLoan> VisibleTo(this IQueryable<DomainLoan> loans, Caller caller)
    {
        if (caller.Is(DomainRole.Operator))
            return loans;
        var subject = caller.SubjectId;
        if (caller.Is(DomainRole.Bank))
            return loans.Where(l => l.InstitutionId == subject);
        if (caller.Is(DomainRole.Enterprise))
            return loans.Where(l => l.EnterpriseId == subject);
        return loans.Where(_ => false);
    }

    /// <summary>
    /// A loan of the calling bank, tracked and locked (<c>FOR UPDATE</c>) in the caller's transaction until it ends; any
    /// other is not found.
    /// </summary>
    public static async Task<DomainLoan> LockForBankAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid loanId,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db
                .Loans.FromSql(
                    $"SELECT l.*, l.xmin FROM financematch.loans l WHERE l.id = {loanId} AND l.institution_id = {institutionId} FOR UPDATE"
                )
                .SingleOrDefaultAsync(ct)
            ?? throw new Core.Common.NotFoundException("This institution has no loan with this id.");
    }

    /// <summary>A loan of the calling bank, tracked for a change; any other is not found.</summary>
    public static async Task<DomainLoan> FindForBankAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid loanId,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db.Loans.SingleOrDefaultAsync(l => l.Id == loanId && l.InstitutionId == institutionId, ct)
            ?? throw new Core.Common.NotFoundException("This institution has no loan with this id.");
    }
}

using System.Globalization;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainLoanPerformanceReport = FinanceMatch.Core.Loans.LoanPerformanceReport;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;

namespace FinanceMatch.Api.Features.Loans;

/// <summary>
/// The bank reports its loan at the end of a period: the principal still owed, the days overdue and the status the loan
/// is now in (a later report for the same period updates it). What is already stored for a period again changes nothing
/// (a retried call, a month resent); a report that moves the loan the lifecycle does not allow, or speaks of an earlier
/// period otherwise, is 409.
/// </summary>
public static class ReportLoanPerformance
{
    public sealed record Command(Caller Caller, Guid LoanId, ReportLoanPerformanceBody Body) : IRequest<LoanDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<ReportLoanPerformanceBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Period).NotEmpty().Must(p => TryParsePeriod(p, out _)).WithMessage("period is yyyy-MM.");
            RuleFor(b => b.PrincipalOutstanding).MustBeMoney();
            RuleFor(b => b.OverdueDays).InclusiveBetween(0, LoanReports.MaxOverdueDays);
            RuleFor(b => b.Status).IsInEnum();
        }
    }

    public static bool TryParsePeriod(string? text, out DateOnly period) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out period);

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, ProfileRebuildTrigger rebuilds)
        : IRequestHandler<Command, LoanDto>
    {
        public async ValueTask<LoanDto> Handle(Command command, CancellationToken cancellationToken)
        {
            // The loan is locked first: a concurrent report (or a batch of the bank) waits, then sees this one's result.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var loan = await LoanAccess.LockForBankAsync(db, command.Caller, command.LoanId, cancellationToken);
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            TryParsePeriod(command.Body.Period, out var period);
            var status = command.Body.Status.Map<DomainLoanStatus>();
            var report = await db.LoanPerformance.FindAsync([loan.Id, period], cancellationToken);
            // What is stored for the period again is a replay (a retried call, an older month resent): nothing changes.
            var replay =
                report is not null
                && report.Status == status
                && report.PrincipalOutstanding == command.Body.PrincipalOutstanding
                && report.OverdueDays == command.Body.OverdueDays;
            var defaultedBefore = loan.DefaultedOn is not null;
            if (
                !replay
                && loan.Report(period, command.Body.PrincipalOutstanding, command.Body.OverdueDays, status, today, now)
            )
            {
                if (report is null)
                    db.LoanPerformance.Add(DomainLoanPerformanceReport.Of(loan, batchId: null, now));
                else
                    report.Update(loan, batchId: null, now);
                await db.SaveChangesAsync(cancellationToken);
                var defaulted = !defaultedBefore && loan.DefaultedOn is not null;
                if (defaulted)
                    await LoanReports.RequestRebuildsAsync(
                        (NpgsqlConnection)db.Database.GetDbConnection(),
                        [loan.EnterpriseId],
                        now,
                        cancellationToken
                    );
                await transaction.CommitAsync(cancellationToken);
                // A default counts against the firm's score (loanDefaultsLast60Months): its profile is rebuilt soon.
                if (defaulted)
                    await rebuilds.RequestAsync(cancellationToken);
            }
            var covers = await LoanMapping.CoversAsync(db, [loan.Id], cancellationToken);
            return loan.ToDto(covers.GetValueOrDefault(loan.Id), today);
        }
    }

    internal static async Task<LoanDto> Endpoint(
        Guid id,
        ReportLoanPerformanceBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainLoanPerformanceReport = FinanceMatch.Core.Loans.LoanPerformanceReport;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;

namespace FinanceMatch.Api.Features.Loans;

/// <summary>
/// Banks' reports of their loans in bulk: a <c>loanPerformance</c> batch of the feed pipeline is parsed and checked field
/// by field like every feed, then applied here in the batch's transaction, each row by the loan's own rules
/// (<see cref="Core.Loans.Loan.Report"/>): a row for a loan that is not the bank's, or that the lifecycle refuses, is a
/// rejected row with the reason; the same report again changes nothing, so a batch sent twice applies once. The rules
/// decide on entities read untracked; what they decided is written in two set-based statements (a unit of work tracking
/// 200,000 reports took 7× the floor and 1.3 GiB).
/// </summary>
public static class LoanReports
{
    public sealed record Applied(IReadOnlyList<(int Row, FieldError Error)> Rejected, int Defaults);

    private static readonly string RequestRebuildsSql = Sql.Load("Loans.RequestProfileRebuilds");
    private static readonly string StorePerformanceSql = Sql.Load("Loans.StoreLoanPerformance");
    private static readonly string StoreLoansSql = Sql.Load("Loans.StoreReportedLoans");

    /// <summary>The bound a single report has too (a hundred years).</summary>
    public const int MaxOverdueDays = 36_500;

    /// <summary>
    /// Rows as the loanPerformance schema types them: loanId (text), period, principalOutstanding, overdueDays, status.
    /// Each loan's rows are applied period by period, whatever their order in the batch.
    /// </summary>
    public static async Task<Applied> ApplyBatchAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Guid institutionId,
        Guid batchId,
        IReadOnlyList<(int Row, object?[] Values)> rows,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var options = new DbContextOptionsBuilder<FinanceMatchDbContext>();
        FinanceMatchDbContext.Configure(options, connection);
        await using var db = new FinanceMatchDbContext(options.Options);
        await db.Database.UseTransactionAsync(transaction, ct);

        var parsed = rows.Select(r =>
                (
                    r.Row,
                    LoanId: Guid.TryParse((string)r.Values[0]!, out var id) ? id : (Guid?)null,
                    Period: (DateOnly)r.Values[1]!,
                    Outstanding: (decimal)r.Values[2]!,
                    OverdueDays: (int)r.Values[3]!,
                    Status: Enum.Parse<DomainLoanStatus>((string)r.Values[4]!, ignoreCase: true)
                )
            )
            .OrderBy(r => r.LoanId)
            .ThenBy(r => r.Period)
            .ThenBy(r => r.Row)
            .ToList();
        var ids = parsed.Where(r => r.LoanId is not null).Select(r => r.LoanId!.Value).Distinct().ToArray();
        // The bank's loans of this file, locked in id order: a single report on one of them (which locks it too) waits
        // for this batch, and two batches of the bank cannot deadlock.
        var loans = await db
            .Loans.FromSql(
                $"SELECT l.*, l.xmin FROM financematch.loans l WHERE l.institution_id = {institutionId} AND l.id = ANY({ids}) ORDER BY l.id FOR UPDATE"
            )
            .AsNoTracking()
            .ToDictionaryAsync(l => l.Id, ct);
        // Only the periods this file speaks of, of the bank's own loans.
        var keys = parsed
            .Where(r => r.LoanId is { } id && loans.ContainsKey(id))
            .Select(r => (r.LoanId!.Value, r.Period))
            .Distinct()
            .ToList();
        var keyLoans = keys.Select(k => k.Item1).ToArray();
        var keyPeriods = keys.Select(k => k.Period).ToArray();
        var reports = await db
            .LoanPerformance.FromSql(
                $"SELECT r.* FROM financematch.loan_performance r JOIN unnest({keyLoans}, {keyPeriods}) AS k (loan_id, period) ON k.loan_id = r.loan_id AND k.period = r.period"
            )
            .AsNoTracking()
            .ToDictionaryAsync(r => (r.LoanId, r.Period), ct);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rejected = new List<(int Row, FieldError Error)>();
        var defaulted = new HashSet<Guid>();
        var changedLoans = new HashSet<Guid>();
        var changedReports = new List<DomainLoanPerformanceReport>();
        foreach (var row in parsed)
        {
            if (row.LoanId is not { } loanId || !loans.TryGetValue(loanId, out var loan))
            {
                rejected.Add((row.Row, new("loanId", "This institution has no loan with this id.")));
                continue;
            }
            if (row.OverdueDays > MaxOverdueDays)
            {
                rejected.Add((row.Row, new("overdueDays", $"overdueDays is at most {MaxOverdueDays:N0}.")));
                continue;
            }
            // A row that repeats what is stored for its period is a replay (the same file again, or an older month of
            // it): accepted, nothing changes, whatever the loan did since.
            if (
                reports.TryGetValue((loanId, row.Period), out var stored)
                && stored.Status == row.Status
                && stored.PrincipalOutstanding == row.Outstanding
                && stored.OverdueDays == row.OverdueDays
            )
                continue;
            var defaultedBefore = loan.DefaultedOn is not null;
            try
            {
                if (!loan.Report(row.Period, row.Outstanding, row.OverdueDays, row.Status, today, now))
                    continue;
            }
            catch (ConflictException e)
            {
                rejected.Add((row.Row, new("status", e.Message)));
                continue;
            }
            catch (UnprocessableException e)
            {
                rejected.Add((row.Row, new(e.Errors?.Keys.FirstOrDefault() ?? "status", e.Message)));
                continue;
            }
            if (reports.TryGetValue((loan.Id, row.Period), out var report))
                report.Update(loan, batchId, now);
            else
                reports[(loan.Id, row.Period)] = report = DomainLoanPerformanceReport.Of(loan, batchId, now);
            changedReports.Add(report);
            changedLoans.Add(loan.Id);
            if (!defaultedBefore && loan.DefaultedOn is not null)
                defaulted.Add(loan.EnterpriseId);
        }
        await StoreAsync(
            connection,
            changedReports.Distinct().ToList(),
            [.. changedLoans.Select(id => loans[id])],
            batchId,
            now,
            ct
        );
        await RequestRebuildsAsync(connection, defaulted, now, ct);
        return new Applied([.. rejected.OrderBy(r => r.Row)], defaulted.Count);
    }

    private static async Task StoreAsync(
        NpgsqlConnection connection,
        IReadOnlyList<DomainLoanPerformanceReport> reports,
        IReadOnlyList<Core.Loans.Loan> loans,
        Guid batchId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (reports.Count == 0)
            return;
        await using (
            var store = Sql.Command(
                connection,
                StorePerformanceSql,
                reports.Select(r => r.LoanId).ToArray(),
                reports.Select(r => r.Period).ToArray(),
                reports.Select(r => r.PrincipalOutstanding).ToArray(),
                reports.Select(r => r.OverdueDays).ToArray(),
                Texts(reports.Select(r => r.Status.ToString())),
                batchId,
                now
            )
        )
        {
            store.CommandTimeout = 0;
            await store.ExecuteNonQueryAsync(ct);
        }
        await using var update = Sql.Command(
            connection,
            StoreLoansSql,
            loans.Select(l => l.Id).ToArray(),
            Texts(loans.Select(l => l.Status.ToString())),
            loans.Select(l => l.PrincipalOutstanding).ToArray(),
            loans.Select(l => l.OverdueDays).ToArray(),
            Dates(loans.Select(l => l.LastPeriod)),
            Dates(loans.Select(l => l.DefaultedOn)),
            Dates(loans.Select(l => l.EndedOn)),
            now
        );
        update.CommandTimeout = 0;
        await update.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Texts(IEnumerable<string> values) =>
        new()
        {
            Value = values.ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        };

    private static NpgsqlParameter Dates(IEnumerable<DateOnly?> values) =>
        new()
        {
            Value = values.ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Date,
        };

    /// <summary>
    /// A default counts against its firm's score (loanDefaultsLast60Months): the firms' profiles are rebuilt by the next
    /// drain, asked in the transaction that records the default.
    /// </summary>
    public static async Task RequestRebuildsAsync(
        NpgsqlConnection connection,
        IReadOnlyCollection<Guid> enterpriseIds,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (enterpriseIds.Count == 0)
            return;
        await Sql.ExecuteAsync(connection, RequestRebuildsSql, ct, enterpriseIds.ToArray(), now);
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainLoan = FinanceMatch.Core.Loans.Loan;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;

namespace FinanceMatch.Api.Features.Loans;

/// <summary>
/// A bank's loan book, a firm's loans, or all of them for operators; newest disbursement first. <c>?stale=true</c>: the
/// running loans whose bank has not reported for two whole periods.
/// </summary>
public static class ListLoans
{
    public sealed record Query(Caller Caller, DomainLoanStatus? Status, bool? Stale, int Page, int PageSize)
        : IRequest<Paged<LoanDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, Paged<LoanDto>>
    {
        public async ValueTask<Paged<LoanDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var loans = db.Loans.AsNoTracking().VisibleTo(query.Caller);
            if (query.Status is { } status)
                loans = loans.Where(l => l.Status == status);
            if (query.Stale is { } stale)
            {
                // Stale: running, and the last period reported (or the month before disbursement) lies more than
                // Loan.StaleAfterPeriods months before the current one; the same rule as Loan.IsStale.
                var reportedSince = new DateOnly(today.Year, today.Month, 1).AddMonths(-DomainLoan.StaleAfterPeriods);
                var firstPeriodSince = reportedSince.AddMonths(1);
                var active = DomainLoan.ActiveStatuses.ToArray();
                loans = stale
                    ? loans.Where(l =>
                        active.Contains(l.Status)
                        && (l.LastPeriod != null ? l.LastPeriod < reportedSince : l.DisbursedOn < firstPeriodSince)
                    )
                    : loans.Where(l =>
                        !active.Contains(l.Status)
                        || (l.LastPeriod != null ? l.LastPeriod >= reportedSince : l.DisbursedOn >= firstPeriodSince)
                    );
            }
            var page = await loans
                .OrderByDescending(l => l.DisbursedOn)
                .ThenBy(l => l.Id)
                .ToPageAsync(db, query, l => l, cancellationToken);
            var covers = await LoanMapping.CoversAsync(db, [.. page.Items.Select(l => l.Id)], cancellationToken);
            return new Paged<LoanDto>(
                [.. page.Items.Select(l => l.ToDto(covers.GetValueOrDefault(l.Id), today))],
                page.Page,
                page.PageSize,
                page.TotalCount
            );
        }
    }

    internal static async Task<Paged<LoanDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.LoanStatus))] string? status = null,
        [System.ComponentModel.Description("true: only loans whose bank has not reported on them for over a month.")]
            bool? stale = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller, EnumText.ParseOptional<DomainLoanStatus>(status, "status"), stale, page, pageSize),
            ct
        );
}

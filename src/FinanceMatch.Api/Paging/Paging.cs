using FinanceMatch.Client.Contracts;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Paging;

/// <summary>A query that returns one page of a list.</summary>
public interface IPagedQuery
{
    int Page { get; }
    int PageSize { get; }
}

/// <summary>The contract's paging rules: page ≥ 1, pageSize 1–500; include in each paged query's validator.</summary>
public sealed class PageRules : AbstractValidator<IPagedQuery>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public PageRules()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
        // Past 2^31 rows no list can be addressed (the offset is a 32-bit integer), so such a page is a client's mistake.
        RuleFor(q => q.Page)
            .Must((q, page) => (long)page * q.PageSize <= int.MaxValue + 1L)
            .When(q => q.Page >= 1 && q.PageSize is >= 1 and <= MaxPageSize)
            .WithMessage("page × pageSize must not pass 2^31.");
    }
}

public static class PagingExtensions
{
    /// <summary>
    /// Counts and fetches one page in the order the query already has, both from one snapshot so that the total
    /// agrees with the items even while others write.
    /// </summary>
    public static async Task<Paged<TOut>> ToPageAsync<TIn, TOut>(
        this IQueryable<TIn> query,
        DbContext db,
        IPagedQuery page,
        Func<TIn, TOut> map,
        CancellationToken ct
    )
    {
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct)
            : null;
        try
        {
            var total = await query.LongCountAsync(ct);
            var items = await query.Skip((page.Page - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct);
            return new Paged<TOut>(items.Select(map).ToList(), page.Page, page.PageSize, total);
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }
}

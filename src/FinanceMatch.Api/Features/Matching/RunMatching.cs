using System.Diagnostics;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Guarantees;
using FinanceMatch.Core.LoanRequests;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>
/// Matches one request: the one awaiting matching longest that no other worker holds. The request is claimed with a row
/// lock (<c>FOR UPDATE SKIP LOCKED</c>) in the transaction that writes its matches, so two workers never match one
/// request, a worker that dies mid-way leaves it waiting for the next, and a concurrent cancellation waits for the
/// outcome and then loses on the request's row version.
/// </summary>
public static partial class RunMatching
{
    /// <summary>Matches the longest-waiting request not in <paramref name="Skip"/>; its id, or null when none is waiting.</summary>
    public sealed record Command(IReadOnlyCollection<Guid> Skip) : IRequest<Guid?>;

    /// <summary>Matching the claimed request failed; nothing of it was written and it is still waiting.</summary>
    public sealed class FailedException(Guid loanRequestId, Exception inner)
        : Exception($"Matching loan request {loanRequestId} failed: {inner.Message}", inner)
    {
        public Guid LoanRequestId { get; } = loanRequestId;
    }

    public sealed class Handler(
        FinanceMatchDbContext db,
        MatchingEngine engine,
        IOptions<MatchingOptions> options,
        TimeProvider clock,
        IBackgroundJobClient jobs,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, Guid?>
    {
        public async ValueTask<Guid?> Handle(Command command, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var skip = command.Skip.ToArray();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The id alone first: a request that cannot even be loaded must still be known, to be passed over.
            var claimed = await db
                .Database.SqlQuery<Guid>(
                    $"""
                    SELECT r.id AS "Value" FROM financematch.loan_requests r
                    WHERE r.status = 'Matching' AND r.id <> ALL ({skip})
                    ORDER BY r.created_at LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """
                )
                .ToListAsync(cancellationToken);
            if (claimed.Count == 0)
                return null;
            var id = claimed[0];
            try
            {
                var request = await db.LoanRequests.SingleAsync(r => r.Id == id, cancellationToken);
                // In the trace of the API call that posted the request, so the trace follows the request into the
                // deliveries of its matches (the events are enqueued inside this span).
                using var span = Telemetry.StartFollowing(
                    "match loan request",
                    db.Entry(request).Property<string?>(LoanRequestTrace.Property).CurrentValue
                );
                span?.SetTag("financematch.loan_request.id", id);
                await MatchAsync(request, transaction, started, cancellationToken);
                return id;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new FailedException(id, e);
            }
        }

        private async Task MatchAsync(
            LoanRequest request,
            Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
            long started,
            CancellationToken cancellationToken
        )
        {
            var applicant = await engine.ApplicantAsync(request.EnterpriseId, cancellationToken);
            var now = clock.GetUtcNow();
            var (ask, guarantee) = await GuarantorOfAsync(request, applicant, now, cancellationToken);
            var bestOfEachBank = request.ProductId is { } chosen
                ? await engine.ChosenProductAsync(chosen, ask, applicant, cancellationToken)
                : await engine.BestProductOfEachBankAsync(ask, applicant, cancellationToken);
            // A referral: only banks that have not seen the request, ranked after its earlier matches.
            var (seenBy, ranksTaken) = await EarlierMatchesAsync(request, cancellationToken);
            var ranked = MatchingEngine.Rank(
                bestOfEachBank.Where(e => !seenBy.Contains(e.Product.InstitutionId)),
                options.Value.MaxMatchesPerRequest
            );
            var matches = new List<Match>();
            for (var i = 0; i < ranked.Count; i++)
            {
                var (product, checks, fit) = (ranked[i].Product, ranked[i].Checks, ranked[i].Fit);
                var reliesOnGuarantor =
                    guarantee is not null && Match.ReliesOnGuarantee(product.GuaranteeTypes, ask.GuaranteeTypes);
                matches.Add(
                    Match.Create(
                        request.Id,
                        request.EnterpriseId,
                        product.Id,
                        product.Version,
                        product.Name,
                        product.InstitutionId,
                        ranksTaken + i + 1,
                        fit.Total,
                        MatchExplanation.ReasonsJson(checks),
                        MatchExplanation.FitJson(fit),
                        reliesOnGuarantor
                            ? new MatchGuarantee(
                                guarantee!.Id,
                                guarantee.InstitutionId,
                                guarantee.CoverageRatio,
                                guarantee.AnnualFeeRate
                            )
                            : null,
                        now
                    )
                );
            }
            await GovernmentPolicies.PolicyCover.ApplyToAsync(
                db,
                [.. matches.Select((m, i) => (m, ranked[i].Product))],
                applicant,
                request.EnterpriseId,
                applicant.Today,
                cancellationToken
            );
            // The guarantor's part exists only when a match relies on it, and before the matches that refer to it.
            if (guarantee is not null && matches.Any(m => m.GuaranteeId == guarantee.Id))
            {
                db.Guarantees.Add(guarantee);
                await db.SaveChangesAsync(cancellationToken);
            }
            var events = await WebhookOutbox.AddMatchesCreatedAsync(db, matches, now, cancellationToken);
            request.RecordMatches(ranked.Count, now);
            await NewMatchesInsert.InsertAsync(
                (NpgsqlConnection)db.Database.GetDbConnection(),
                matches,
                cancellationToken
            );
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Telemetry.MatchesCreated.Add(matches.Count);
            // Committed with the matches, one row an event; the deliveries are made outside this transaction. If this
            // process dies before these lines, the sweep expands the events within a minute.
            foreach (var entry in events)
                jobs.Enqueue<ExpandWebhookEvent.Job>(job => job.Run(entry.Id, CancellationToken.None));
            LogMatched(
                logger,
                request.Id,
                bestOfEachBank.Count,
                ranked.Count,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds
            );
        }

        /// <summary>The banks that saw a referred request before, and the ranks its earlier matches took (none for a new one).</summary>
        private async Task<(HashSet<Guid> SeenBy, int RanksTaken)> EarlierMatchesAsync(
            LoanRequest request,
            CancellationToken cancellationToken
        )
        {
            if (request.Referrals == 0)
                return ([], 0);
            var earlier = await db
                .Matches.AsNoTracking()
                .Where(m => m.LoanRequestId == request.Id)
                .Select(m => new { m.InstitutionId, m.Rank })
                .ToListAsync(cancellationToken);
            return ([.. earlier.Select(m => m.InstitutionId)], earlier.Count == 0 ? 0 : earlier.Max(m => m.Rank));
        }

        /// <summary>
        /// When the firm asks for a guarantee (政银担): the guarantor whose product covers it, offered its part; products
        /// that a guarantee alone would secure are matched only then. Without one, the request is matched on the other
        /// securities it allows (none left: no match).
        /// </summary>
        private async Task<(LoanAsk Ask, Guarantee? Guarantee)> GuarantorOfAsync(
            LoanRequest request,
            Applicant applicant,
            DateTimeOffset now,
            CancellationToken cancellationToken
        )
        {
            var ask = MatchingEngine.AskOf(request);
            if (!ask.GuaranteeTypes.Contains(GuaranteeType.Guarantee))
                return (ask, null);
            // A request has one guarantor: a referred one whose guarantee ended is matched on its other securities.
            if (
                request.Referrals > 0
                && await db.Guarantees.AnyAsync(g => g.LoanRequestId == request.Id, cancellationToken)
            )
                return (WithoutGuarantee(ask), null);
            var cover = await GuaranteeCover.BestForAsync(db, ask, applicant, cancellationToken);
            if (cover is { } found)
                return (ask, Guarantee.Offer(request, found.Product, found.Terms, now));
            return (WithoutGuarantee(ask), null);
        }

        private static LoanAsk WithoutGuarantee(LoanAsk ask) =>
            ask with
            {
                GuaranteeTypes = [.. ask.GuaranteeTypes.Where(t => t != GuaranteeType.Guarantee)],
            };
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Matched loan request {LoanRequestId}: {Banks} banks with a matching product, {Matches} matches made in {Milliseconds:0.0} ms"
    )]
    private static partial void LogMatched(
        ILogger logger,
        Guid loanRequestId,
        int banks,
        int matches,
        double milliseconds
    );
}

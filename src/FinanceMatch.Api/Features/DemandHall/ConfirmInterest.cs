using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using DomainProductStatus = FinanceMatch.Core.Products.ProductStatus;

namespace FinanceMatch.Api.Features.DemandHall;

/// <summary>
/// The firm confirms a bank's interest: a match with the bank's product is made (pending, as the matching run makes
/// them, its rules checked and explained by the engine, ranked after the request's earlier matches), the request is
/// matched again, and its consent now covers that bank through the match: the first moment any of the firm's data can
/// reach the bank. Only while the request is still in the hall for that bank, the product still published and its rules
/// met (409, naming the rules failed, to the firm).
/// </summary>
public static class ConfirmInterest
{
    public sealed record Command(Caller Caller, Guid LoanRequestId, Guid InterestId) : IRequest<MatchDto>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        MatchingEngine engine,
        IBackgroundJobClient jobs,
        TimeProvider clock
    ) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var firm = command.Caller.SubjectId;
            var request =
                await db.LoanRequests.SingleOrDefaultAsync(
                    r => r.Id == command.LoanRequestId && r.EnterpriseId == firm,
                    ct
                ) ?? throw new NotFoundException("Your enterprise has no loan request with this id.");
            var interest =
                await db.DemandHallInterests.SingleOrDefaultAsync(
                    i => i.Id == command.InterestId && i.LoanRequestId == request.Id,
                    ct
                ) ?? throw new NotFoundException("No bank's interest in this request has this id.");
            var now = clock.GetUtcNow();
            if (!await DemandHallAccess.InHall(db, interest.InstitutionId, now).AnyAsync(r => r.Id == request.Id, ct))
                throw new ConflictException(
                    "The request is no longer in the demand hall: an offer of it is in play, its consent was revoked or expired, or it ended."
                );
            var product =
                await db
                    .Products.AsNoTracking()
                    .SingleOrDefaultAsync(
                        p => p.Id == interest.ProductId && p.Status == DomainProductStatus.Published,
                        ct
                    )
                ?? throw new ConflictException("The bank has withdrawn the product it offered.");
            var applicant = await engine.ApplicantAsync(request.EnterpriseId, ct);
            var evaluation = MatchingEngine.Evaluate(product, MatchingEngine.AskOf(request), applicant);
            // The bank chose the product without seeing the firm: the product's own rules still decide (the firm is
            // told which it fails; the bank is told nothing).
            if (!evaluation.Matches)
                throw new ConflictException(
                    "The request does not meet the product the bank offered: "
                        + string.Join(
                            "; ",
                            evaluation.Failed.Select(c => $"{c.Rule} requires {c.Required}, is {c.Actual}")
                        )
                        + "."
                );
            var rank =
                (await db.Matches.Where(m => m.LoanRequestId == request.Id).MaxAsync(m => (int?)m.Rank, ct) ?? 0) + 1;
            var match = DomainMatch.Create(
                request.Id,
                request.EnterpriseId,
                product.Id,
                product.Version,
                product.Name,
                product.InstitutionId,
                rank,
                evaluation.Fit.Total,
                MatchExplanation.ReasonsJson(evaluation.Checks),
                MatchExplanation.FitJson(evaluation.Fit),
                null,
                now
            );
            await GovernmentPolicies.PolicyCover.ApplyToAsync(
                db,
                [(match, product)],
                applicant,
                request.EnterpriseId,
                applicant.Today,
                ct
            );
            request.MatchFromDemandHall();
            interest.Confirm(match.Id, now);
            db.Matches.Add(match);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var events = await WebhookOutbox.AddMatchesCreatedAsync(db, [match], now, ct);
            // The request's and the interest's row versions decide a race with a cancellation or a second confirmation.
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            foreach (var entry in events)
                jobs.Enqueue<ExpandWebhookEvent.Job>(job => job.Run(entry.Id, CancellationToken.None));
            return match.ToDtoFor(command.Caller);
        }
    }

    internal static async Task<MatchDto> Endpoint(
        Guid id,
        Guid interestId,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, interestId), ct);
}

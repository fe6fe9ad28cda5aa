using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.LoanRequests;

/// <summary>
/// A firm that a bank declined asks to be matched again (a referral, after the UK Bank Referral Scheme): the request
/// waits for matching once more, and the run offers it only to banks that have not seen it, ranked after its earlier
/// matches; the request's consent covers the new matches as it covered the first. Only when a bank declined it and no
/// offer is in play, at most three times (409 otherwise).
/// </summary>
public static class ReferLoanRequest
{
    public sealed record Command(Guid EnterpriseId, Guid LoanRequestId) : IRequest<LoanRequestDto>;

    public sealed class Handler(FinanceMatchDbContext db, MatchingTrigger matching, TimeProvider clock)
        : IRequestHandler<Command, LoanRequestDto>
    {
        public async ValueTask<LoanRequestDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await LoanRequestAccess.FindOwnAsync(
                db,
                command.EnterpriseId,
                command.LoanRequestId,
                cancellationToken
            );
            var matches = await db
                .Matches.AsNoTracking()
                .Where(m => m.LoanRequestId == request.Id)
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var consentInForce = await db.Consents.AnyAsync(
                c => c.Id == request.ConsentId && c.Status == Core.Consents.ConsentStatus.Active && c.ExpiresAt > now,
                cancellationToken
            );
            request.Refer(matches, consentInForce, now);
            await db.SaveChangesAsync(cancellationToken);
            // Not cancelled with the HTTP request: the referral is committed; RematchStalledRequests is the safety net.
            await matching.RequestAsync(CancellationToken.None);
            return request.ToDto(matches);
        }
    }

    internal static async Task<LoanRequestDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller.SubjectId, id), ct);
}

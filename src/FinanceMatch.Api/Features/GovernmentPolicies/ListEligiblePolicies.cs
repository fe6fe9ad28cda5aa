using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// What policies can do for a firm now (the verified firm itself; another firm 404, others 403 by role): every open
/// policy (valid today, budget left) checked rule by rule by the matching engine's rules on the firm's registration
/// data, grade, lists and loan history; those it qualifies for, and those it misses by exactly one rule, with that rule.
/// A policy's product tags are a condition on the loan, listed, not checked.
/// </summary>
public static class ListEligiblePolicies
{
    public sealed record Query(Guid EnterpriseId, Caller Caller) : IRequest<EligiblePoliciesDto>;

    public sealed class Handler(FinanceMatchDbContext db, MatchingEngine engine, TimeProvider clock)
        : IRequestHandler<Query, EligiblePoliciesDto>
    {
        public async ValueTask<EligiblePoliciesDto> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!query.Caller.IsParty(DomainRole.Enterprise, query.EnterpriseId))
                throw new NotFoundException("No enterprise you may act for has this id.");
            var firm = await engine.ApplicantAsync(query.EnterpriseId, cancellationToken);
            var applicant = PolicyCover.ApplicantOf(
                firm,
                await PolicyCover.FirstLoanAsync(db, query.EnterpriseId, cancellationToken)
            );
            var open = await PolicyCover.OpenAsync(
                db,
                DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                cancellationToken
            );
            var evaluated = open.Select(p => (Policy: p, Checks: p.Evaluate(applicant))).ToList();
            return new EligiblePoliciesDto(
                [
                    .. evaluated
                        .Where(e => e.Checks.All(c => c.Passed))
                        .Select(e => e.Policy.ToEligibleDto(query.Caller, e.Checks)),
                ],
                [
                    .. evaluated
                        .Where(e => e.Checks.Count(c => !c.Passed) == 1)
                        .Select(e => e.Policy.ToEligibleDto(query.Caller, e.Checks)),
                ]
            );
        }
    }

    internal static async Task<EligiblePoliciesDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(id, caller), ct);
}

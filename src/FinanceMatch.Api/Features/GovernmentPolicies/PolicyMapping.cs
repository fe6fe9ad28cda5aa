using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Matching;
using DomainPolicy = FinanceMatch.Core.Policies.Policy;
using DomainPolicyEligibility = FinanceMatch.Core.Policies.PolicyEligibility;
using DomainSubsidyClaim = FinanceMatch.Core.Policies.SubsidyClaim;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

internal static class PolicyMapping
{
    /// <summary>The policy whole for operators and its department; its money (beyond the budget) left out for anyone else.</summary>
    public static PolicyDto ToDtoFor(this DomainPolicy p, Caller caller)
    {
        var manages = PolicyAccess.Manages(caller, p);
        return new(
            p.Id,
            p.DepartmentId,
            p.Name,
            p.Kind.Map<PolicyKind>(),
            p.Description,
            p.Eligibility.ToDto(),
            p.SubsidyRate,
            p.SubsidyMonths,
            p.BonusAmount,
            p.CapPerLoan,
            p.ValidFrom,
            p.ValidTo,
            p.Budget,
            manages ? p.Reserved : null,
            manages ? p.Paid : null,
            manages ? p.Available : null,
            p.CreatedAt
        );
    }

    public static PolicyEligibilityDto ToDto(this DomainPolicyEligibility e) =>
        new(e.MinGrade, e.DivisionPrefixes, e.IndustryPrefixes, e.Lists, e.FirstLoansOnly, e.ProductTags);

    public static DomainPolicyEligibility ToDomain(this PolicyEligibilityDto? e) =>
        new(
            e?.MinGrade?.Trim().ToUpperInvariant(),
            [.. (e?.DivisionPrefixes ?? []).OfType<string>().Distinct()],
            [.. (e?.IndustryPrefixes ?? []).OfType<string>().Select(p => p.ToUpperInvariant()).Distinct()],
            [.. (e?.Lists ?? []).Distinct()],
            e?.FirstLoansOnly ?? false,
            [.. (e?.ProductTags ?? []).OfType<string>().Select(t => t.Trim()).Where(t => t.Length > 0).Distinct()]
        );

    public static EligiblePolicyDto ToEligibleDto(
        this DomainPolicy p,
        Caller caller,
        IReadOnlyList<RuleCheck> checks
    ) =>
        new(
            p.ToDtoFor(caller),
            checks.All(c => c.Passed),
            checks.Select(c => c.ToDto()).ToList(),
            checks.Where(c => !c.Passed).Select(c => c.ToDto()).ToList(),
            p.Eligibility.ProductTags
        );

    public static SubsidyClaimDto ToDto(this DomainSubsidyClaim c) =>
        new(
            c.Id,
            c.LoanId,
            c.PolicyId,
            c.InstitutionId,
            c.Amount,
            c.MonthsPaid,
            c.Status.Map<ClaimStatus>(),
            c.Note,
            c.FiledAt,
            c.DecidedAt
        );
}

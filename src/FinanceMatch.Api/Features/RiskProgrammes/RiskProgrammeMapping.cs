using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainRiskClaim = FinanceMatch.Core.RiskProgrammes.RiskClaim;
using DomainRiskProgramme = FinanceMatch.Core.RiskProgrammes.RiskProgramme;
using DomainRiskProgrammeEligibility = FinanceMatch.Core.RiskProgrammes.RiskProgrammeEligibility;

namespace FinanceMatch.Api.Features.RiskProgrammes;

internal static class RiskProgrammeMapping
{
    /// <summary>The programme whole, for operators and its department; its money left out for anyone else.</summary>
    public static RiskProgrammeDto ToDtoFor(this DomainRiskProgramme p, Caller caller) =>
        RiskProgrammeAccess.Manages(caller, p)
            ? p.ToDto()
            : p.ToDto() with
            {
                Reserved = null,
                Paid = null,
                Available = null,
            };

    public static RiskProgrammeDto ToDto(this DomainRiskProgramme p) =>
        new(
            p.Id,
            p.Name,
            p.DepartmentId,
            p.Budget,
            p.CoverageRatio,
            p.CapPerLoan,
            p.Eligibility.ToDto(),
            p.ClaimWindowDays,
            p.ValidFrom,
            p.ValidTo,
            p.Reserved,
            p.Paid,
            p.Available,
            p.CreatedAt
        );

    public static RiskProgrammeEligibilityDto ToDto(this DomainRiskProgrammeEligibility e) =>
        new(e.Grades, e.ProductIds, e.DivisionPrefixes, e.IndustryPrefixes, e.FirstLoansOnly);

    public static DomainRiskProgrammeEligibility ToDomain(this RiskProgrammeEligibilityDto? e) =>
        new(
            [.. (e?.Grades ?? []).OfType<string>().Select(g => g.Trim().ToUpperInvariant()).Distinct()],
            [.. (e?.ProductIds ?? []).Distinct()],
            [.. (e?.DivisionPrefixes ?? []).OfType<string>().Distinct()],
            [.. (e?.IndustryPrefixes ?? []).OfType<string>().Select(p => p.ToUpperInvariant()).Distinct()],
            e?.FirstLoansOnly ?? false
        );

    public static ClaimDto ToDto(this DomainRiskClaim c) =>
        new(
            c.Id,
            c.LoanId,
            c.ProgrammeId,
            c.InstitutionId,
            c.Loss,
            c.Amount,
            c.Status.Map<ClaimStatus>(),
            c.Note,
            c.FiledAt,
            c.DecidedAt,
            c.GuarantorPaid
        );
}

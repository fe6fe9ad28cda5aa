using System.Security.Claims;
using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Matching;
using Microsoft.EntityFrameworkCore;
using Match = FinanceMatch.Core.Matching.Match;
using MatchStatus = FinanceMatch.Client.Contracts.MatchStatus;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Matches;

internal static class MatchMapping
{
    public static MatchDto ToDto(this Match m) =>
        new(m.Id, m.LoanRequestId, m.EnterpriseId, m.ProductId, m.ProductVersion, m.ProductName, m.InstitutionId, m.Rank, m.FitScore,
            JsonSerializer.Deserialize<FitDto>(m.Fit, FinanceMatchJson.Options)!,
            JsonSerializer.Deserialize<List<RuleCheckDto>>(m.Reasons, FinanceMatchJson.Options)!.Select(r => r with { Passed = r.Passed ?? true }).ToList(),
            m.Status.Map<MatchStatus>(), m.ApprovedAmount, m.AnnualRate, m.TermMonths, m.DeclineReason, m.DisbursedAmount, m.DisbursedOn,
            m.CreatedAt, m.FirstRespondedAt, m.UpdatedAt);

    /// <summary>The match as a bank receives it: every rule with its threshold and that it passed, never the firm's values.</summary>
    public static MatchDto ToBankDto(this Match m)
    {
        var full = m.ToDto();
        return full with { Reasons = full.Reasons.Select(r => r with { Actual = null }).ToList() };
    }

    /// <summary>The match as this caller may see it: whole for its firm and operators, without the firm's values for a bank.</summary>
    public static MatchDto ToDtoFor(this Match m, ClaimsPrincipal caller) => caller.Is(Role.Bank) ? m.ToBankDto() : m.ToDto();

    public static RuleCheckDto ToDto(this RuleCheck check) => new(check.Rule, check.Required, check.Actual, check.Passed);

    public static string ReasonsJson(IEnumerable<RuleCheck> checks) =>
        JsonSerializer.Serialize(checks.Select(c => c.ToDto()).ToList(), FinanceMatchJson.Options);

    public static string FitJson(FitBreakdown fit) =>
        JsonSerializer.Serialize(new FitDto(fit.Price, fit.Guarantee, fit.EligibilityMargin, fit.Amount, fit.Term), FinanceMatchJson.Options);

    /// <summary>The matches a caller may see: a bank its institution's, a firm its own, operators all.</summary>
    public static IQueryable<Match> VisibleTo(this IQueryable<Match> matches, ClaimsPrincipal caller)
    {
        if (caller.Is(Role.Operator)) return matches;
        var subject = caller.SubjectId();
        if (caller.Is(Role.Bank)) return matches.Where(m => m.InstitutionId == subject);
        if (caller.Is(Role.Enterprise)) return matches.Where(m => m.EnterpriseId == subject);
        return matches.Where(_ => false);
    }

    /// <summary>A match of the calling bank, tracked for a change; any other is not found.</summary>
    public static async Task<Match> FindForBankAsync(FinanceMatchDbContext db, ClaimsPrincipal caller, Guid matchId, CancellationToken ct)
    {
        var institutionId = caller.SubjectId();
        return await db.Matches.SingleOrDefaultAsync(m => m.Id == matchId && m.InstitutionId == institutionId, ct)
            ?? throw new Core.Common.NotFoundException("This institution has no match with this id.");
    }
}

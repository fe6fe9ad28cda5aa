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

namespace FinanceMatch.Api.Features.Matching;

/// <summary>How the engine explains a match (each rule checked, the fit score), stored with the match and shown to its parties.</summary>
internal static class MatchExplanation
{
    public static RuleCheckDto ToDto(this RuleCheck check) =>
        new(check.Rule, check.Required, check.Actual, check.Passed);

    public static string ReasonsJson(IEnumerable<RuleCheck> checks) =>
        JsonSerializer.Serialize(checks.Select(c => c.ToDto()).ToList(), FinanceMatchJson.Options);

    public static string FitJson(FitBreakdown fit) =>
        JsonSerializer.Serialize(
            new FitDto(fit.Price, fit.Guarantee, fit.EligibilityMargin, fit.Amount, fit.Term),
            FinanceMatchJson.Options
        );
}

using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Matching;

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

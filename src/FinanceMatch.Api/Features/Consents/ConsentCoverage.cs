using FinanceMatch.Core.Guarantees;
using FinanceMatch.Core.Matching;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// The one definition of "this consent lets this institution read": in force (active, unexpired) and either naming the
/// institution, or made with a loan request that the institution's match is still part of (pending, under review,
/// approved, accepted or disbursed; a declined, withdrawn or expired match ends the bank's access), or made with a loan
/// request whose guarantor the institution is while its guarantee is in play (pending, approved, active, claimed: the
/// guarantor assesses the firm as the bank does; a declined, withdrawn or released guarantee ends its access). The
/// report read's statement (<c>Sql/RecordReportRead.sql</c>) spells the same predicate with the statuses below as
/// parameters: a change here is a change there.
/// </summary>
internal static class ConsentCoverage
{
    /// <summary>The match statuses under which a loan request's consent covers the matched institution, as stored.</summary>
    public static readonly string[] MatchStatuses = [.. Match.ConsentCoveredStatuses.Select(s => s.ToString())];

    /// <summary>The guarantee statuses under which a loan request's consent covers its guarantor, as stored.</summary>
    public static readonly string[] GuarantorStatuses = [.. Guarantee.InPlayStatuses.Select(s => s.ToString())];

    private static readonly string MatchStatusList = string.Join(", ", MatchStatuses.Select(s => $"'{s}'"));

    private static readonly string GuarantorStatusList = string.Join(", ", GuarantorStatuses.Select(s => $"'{s}'"));

    /// <summary>A SQL predicate over <c>financematch.consents</c> aliased <c>c</c>; the arguments are SQL parameter placeholders.</summary>
    public static string InForceFor(string institutionId, string now) =>
        $"""
            c.status = 'Active' AND c.expires_at > {now}
            AND (c.institution_id = {institutionId}
                OR (c.loan_request_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM financematch.matches m
                    WHERE m.loan_request_id = c.loan_request_id AND m.institution_id = {institutionId} AND m.status IN ({MatchStatusList})))
                OR (c.loan_request_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM financematch.guarantees g
                    WHERE g.loan_request_id = c.loan_request_id AND g.institution_id = {institutionId} AND g.status IN ({GuarantorStatusList}))))
            """;
}

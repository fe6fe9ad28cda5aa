using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>Who may see and move a match: its bank, its firm, operators.</summary>
internal static class MatchAccess
{
    /// <summary>The matches a caller may see: a bank its institution's, a firm its own, operators all.</summary>
    public static IQueryable<DomainMatch> VisibleTo(this IQueryable<DomainMatch> matches, Caller caller)
    {
        if (caller.Is(DomainRole.Operator))
            return matches;
        var subject = caller.SubjectId;
        if (caller.Is(DomainRole.Bank))
            return matches.Where(m => m.InstitutionId == subject);
        if (caller.Is(DomainRole.Enterprise))
            return matches.Where(m => m.EnterpriseId == subject);
        return matches.Where(_ => false);
    }

    /// <summary>A match of the calling bank, tracked for a change; any other is not found.</summary>
    public static async Task<DomainMatch> FindForBankAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid matchId,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db.Matches.SingleOrDefaultAsync(m => m.Id == matchId && m.InstitutionId == institutionId, ct)
            ?? throw new Core.Common.NotFoundException("This institution has no match with this id.");
    }

    /// <summary>The match as a bank receives it: every rule with its threshold and that it passed, never the firm's values.</summary>
    public static MatchDto ToBankDto(this DomainMatch m)
    {
        var full = m.ToDto();
        // Nor the policies that apply: their public rules (a list, a first loan, a grade) would tell the bank what its
        // consent may not cover. The loan carries those it reserved, which the bank claims.
        return full with { Reasons = full.Reasons.Select(r => r with { Actual = null }).ToList(), PolicyIds = null };
    }

    /// <summary>The match as this caller may see it: whole for its firm and operators, without the firm's values for a bank.</summary>
    public static MatchDto ToDtoFor(this DomainMatch m, Caller caller) =>
        m.ToDtoFor(forBank: caller.Is(DomainRole.Bank));

    /// <summary>The match whole, or as its bank may see it (without the firm's values).</summary>
    public static MatchDto ToDtoFor(this DomainMatch m, bool forBank) => forBank ? m.ToBankDto() : m.ToDto();
}

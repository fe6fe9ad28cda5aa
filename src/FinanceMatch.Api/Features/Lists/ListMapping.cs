using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainFirmList = FinanceMatch.Core.Lists.FirmList;

namespace FinanceMatch.Api.Features.Lists;

internal static class ListMapping
{
    /// <summary>The list as the caller may see it: a bank never learns which other banks it is shared with.</summary>
    public static ListDto ToDtoFor(this DomainFirmList l, Caller caller, DateOnly today, bool? subscribed) =>
        new(
            l.Id,
            l.DepartmentId,
            l.Name,
            l.Kind.Map<ListKind>(),
            l.Description,
            l.ValidFrom,
            l.ValidTo,
            l.IsValidOn(today),
            l.SharedWithAllBanks,
            ListAccess.Keeps(caller, l) ? l.SharedWith : [],
            l.MemberCount,
            subscribed,
            l.CreatedAt,
            l.UpdatedAt
        );
}

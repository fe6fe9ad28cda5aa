using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>Who may see and change a firm's consents.</summary>
internal static class ConsentAccess
{
    /// <summary>A firm's own consents: the firm itself always; operators may read but not change them.</summary>
    public static void EnsureFirmOrOperator(Caller caller, Guid enterpriseId, bool write)
    {
        if (caller.IsParty(DomainRole.Enterprise, enterpriseId))
            return;
        if (!write && caller.Is(DomainRole.Operator))
            return;
        throw new NotFoundException("No enterprise has this id.");
    }
}

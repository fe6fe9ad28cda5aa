using FinanceMatch.Client.Contracts;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>The one fund ledger (risk programmes and policies alike) on the wire.</summary>
internal static class FundLedgerMapping
{
    public static LedgerEntryDto ToDto(this DomainLedgerEntry e) =>
        new(e.Id, e.LoanId, e.ClaimId, e.Kind.Map<LedgerEntryKind>(), e.Amount, e.At);
}

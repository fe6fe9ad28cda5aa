using System.Text.Json;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using MatchStatus = FinanceMatch.Client.Contracts.MatchStatus;

namespace FinanceMatch.Api.Features.Matches;

internal static class MatchMapping
{
    public static MatchDto ToDto(this DomainMatch m) =>
        new(
            m.Id,
            m.LoanRequestId,
            m.EnterpriseId,
            m.ProductId,
            m.ProductVersion,
            m.ProductName,
            m.InstitutionId,
            m.Rank,
            m.FitScore,
            JsonSerializer.Deserialize<FitDto>(m.Fit, FinanceMatchJson.Options)!,
            JsonSerializer
                .Deserialize<List<RuleCheckDto>>(m.Reasons, FinanceMatchJson.Options)!
                .Select(r => r with { Passed = r.Passed ?? true })
                .ToList(),
            m.Status.Map<MatchStatus>(),
            m.ApprovedAmount,
            m.AnnualRate,
            m.TermMonths,
            m.DeclineReason,
            m.DisbursedAmount,
            m.DisbursedOn,
            m.CreatedAt,
            m.FirstRespondedAt,
            m.UpdatedAt,
            m.GuaranteeId is { } guaranteeId
                ? new MatchGuaranteeDto(
                    guaranteeId,
                    m.GuarantorId!.Value,
                    m.GuaranteeCoverageRatio!.Value,
                    m.GuaranteeFeeRate!.Value
                )
                : null,
            m.DeclineReasonCode?.Map<DeclineReasonCode>(),
            m.PolicyIds
        );
}

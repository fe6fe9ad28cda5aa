using FinanceMatch.Core.Enterprises;

namespace FinanceMatch.Api.Features.Enterprises.Verification;

/// <summary>An operator has checked the firm's documents (the licence, the legal representative's identity) by hand.</summary>
public sealed class OperatorReviewVerification : IVerificationMethod
{
    public VerificationMethod Method => VerificationMethod.OperatorReview;
    public bool SelfService => false;

    public Task<VerificationProof> CheckAsync(Enterprise firm, VerificationClaim claim, CancellationToken ct) =>
        Task.FromResult(new VerificationProof(claim.ActorClientId, claim.Note, null));
}

using FinanceMatch.Core.Enterprises;

namespace FinanceMatch.Api.Features.Enterprises.Verification;

/// <summary>What a claimant (or an operator for it) offers as proof that it controls the registered firm.</summary>
/// <param name="Assertion">A signed statement from an outside service (the e-business licence).</param>
/// <param name="ActorClientId">Who acts: the firm's own client id, or the reviewing operator's.</param>
/// <param name="Note">The operator's note.</param>
public sealed record VerificationClaim(string? Assertion, string ActorClientId, string? Note);

/// <summary>An accepted proof: who vouches for it, and the one-time id it may carry (a licence's <c>jti</c>).</summary>
public sealed record VerificationProof(string DecidedBy, string? Note, string? OneTimeId);

/// <summary>
/// One way to prove that a registration is the firm's own. Each is a small class; <see cref="VerificationDecision"/>
/// applies what it accepts (the first verified claim of a USCC wins). A new way, such as the legal representative's
/// real-name check, is one more implementation registered beside these.
/// </summary>
public interface IVerificationMethod
{
    VerificationMethod Method { get; }

    /// <summary>Whether the firm itself may offer this proof through the API (an operator's review is not the firm's to offer).</summary>
    bool SelfService { get; }

    /// <summary>Checks the proof for this registration; a proof that fails is an <see cref="Core.Common.UnprocessableException"/> naming why.</summary>
    Task<VerificationProof> CheckAsync(Enterprise firm, VerificationClaim claim, CancellationToken ct);
}

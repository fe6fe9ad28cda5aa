using FinanceMatch.Core.Common;

namespace FinanceMatch.Core.Enterprises;

public enum EnterpriseVerification
{
    Pending,
    Verified,
    Rejected,
}

public enum VerificationMethod
{
    BusinessLicence,
    OperatorReview,
}

/// <summary>
/// A small or medium firm as registered on the platform by somebody claiming to act for it. A USCC is printed on every
/// licence and invoice, so a registration proves nothing: it stays <see cref="EnterpriseVerification.Pending"/> until the
/// claimant proves control of the firm, and only a verified registration holds its USCC (a partial unique index settles
/// racing claims). The decision is final: pending → verified | rejected.
/// </summary>
public sealed class Enterprise
{
    private Enterprise() { }

    public Guid Id { get; private set; }
    public string Uscc { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public string LegalRepresentative { get; private set; } = null!;
    public string DivisionCode { get; private set; } = null!;
    public string IndustryCode { get; private set; } = null!;
    public DateOnly EstablishedOn { get; private set; }
    public decimal RegisteredCapital { get; private set; }
    public int? Employees { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public EnterpriseVerification Verification { get; private set; }
    public VerificationMethod? VerificationMethod { get; private set; }

    /// <summary>When the claim was verified or rejected.</summary>
    public DateTimeOffset? VerificationDecidedAt { get; private set; }

    /// <summary>Who decided: the operator's client id, or the licence issuer for a licence.</summary>
    public string? VerificationDecidedBy { get; private set; }
    public string? VerificationNote { get; private set; }
    public uint RowVersion { get; private set; }

    public bool IsVerified => Verification == EnterpriseVerification.Verified;
    public DateTimeOffset? VerifiedAt => IsVerified ? VerificationDecidedAt : null;

    public static Enterprise Register(
        string uscc,
        string name,
        string legalRepresentative,
        string divisionCode,
        string industryCode,
        DateOnly establishedOn,
        decimal registeredCapital,
        int? employees,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Uscc = uscc,
            Name = name.Trim(),
            LegalRepresentative = legalRepresentative.Trim(),
            DivisionCode = divisionCode,
            IndustryCode = industryCode,
            EstablishedOn = establishedOn,
            RegisteredCapital = registeredCapital,
            Employees = employees,
            RegisteredAt = now,
            Verification = EnterpriseVerification.Pending,
        };

    public void Verify(VerificationMethod method, string decidedBy, string? note, DateTimeOffset now)
    {
        Decide(EnterpriseVerification.Verified, decidedBy, note, now);
        VerificationMethod = method;
    }

    public void Reject(string decidedBy, string? note, DateTimeOffset now) =>
        Decide(EnterpriseVerification.Rejected, decidedBy, note, now);

    private void Decide(EnterpriseVerification to, string decidedBy, string? note, DateTimeOffset now)
    {
        if (Verification != EnterpriseVerification.Pending)
            throw new ConflictException(
                $"This registration is already {Verification.ToString().ToLowerInvariant()}; a decision is final."
            );
        Verification = to;
        VerificationDecidedAt = now;
        VerificationDecidedBy = decidedBy;
        VerificationNote = note;
    }
}

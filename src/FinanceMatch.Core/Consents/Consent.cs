using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Consents;

public enum ConsentScope
{
    Profile,
    Tax,
    SocialSecurity,
    Utility,
    Penalty,
    Judicial,
    HousingFund,
    IntellectualProperty,
    RealEstate,
    Honour,
    Registration,
}

public enum ConsentPurpose
{
    LoanAssessment,
    PostLoanMonitoring,
}

public enum ConsentStatus
{
    Active,
    Revoked,
}

/// <summary>
/// A firm's grant that lets a named institution (or the banks matched to one of its loan requests) read named parts of
/// its report for a purpose until an expiry. Revocable at once; an expired consent is simply no longer in force.
/// </summary>
public sealed class Consent
{
    public const int MaxDays = 365;

    private Consent() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid? InstitutionId { get; private set; }
    public Guid? LoanRequestId { get; private set; }
    public List<ConsentScope> Scopes { get; private set; } = [];
    public ConsentPurpose Purpose { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public ConsentStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static Consent Grant(
        Guid enterpriseId,
        Guid? institutionId,
        Guid? loanRequestId,
        IEnumerable<ConsentScope> scopes,
        ConsentPurpose purpose,
        DateTimeOffset expiresAt,
        DateTimeOffset now
    )
    {
        if ((institutionId is null) == (loanRequestId is null))
            throw new UnprocessableException("A consent names either an institution or a loan request.");
        if (expiresAt <= now)
            throw new UnprocessableException("expiresAt must be in the future.");
        if (expiresAt > now.AddDays(MaxDays))
            throw new UnprocessableException($"A consent lasts at most {MaxDays} days.");
        return new Consent
        {
            Id = Guid.CreateVersion7(now),
            EnterpriseId = enterpriseId,
            InstitutionId = institutionId,
            LoanRequestId = loanRequestId,
            Scopes = scopes.Distinct().Order().ToList(),
            Purpose = purpose,
            ExpiresAt = expiresAt,
            Status = ConsentStatus.Active,
            CreatedAt = now,
        };
    }

    /// <summary>Takes effect at once; revoking a revoked consent changes nothing.</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (Status == ConsentStatus.Revoked)
            return;
        Status = ConsentStatus.Revoked;
        RevokedAt = now;
    }

    public bool IsInForce(DateTimeOffset now) => Status == ConsentStatus.Active && ExpiresAt > now;
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.HasKey(c => c.Id);
        builder.PrimitiveCollection(c => c.Scopes).ElementType(e => e.HasConversion<string>());
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.EnterpriseId, c.CreatedAt });
        builder.HasIndex(c => new { c.InstitutionId, c.EnterpriseId });
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(c => c.EnterpriseId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(c => c.InstitutionId);
    }
}

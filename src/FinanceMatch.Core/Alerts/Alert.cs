using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Alerts;

public enum AlertKind
{
    GradeDowngrade,
    DishonestDebtor,
    SeriousPenalty,
    NewArrears,
    EmployeesDecline,
    RegistrationAbnormal,
}

/// <summary>When a profile rebuild raises an alert: the alert SQL takes these as parameters, so the rules live here once.</summary>
public static class AlertRules
{
    /// <summary>The grade fell this many notches or more between two rebuilds.</summary>
    public const int GradeDowngradeNotches = 2;

    /// <summary>Insured employees at or below this share of six months before (a fall of 30% or more).</summary>
    public const double EmployeesDeclineRatio = 0.7;

    /// <summary>The grades best first, the ladder a downgrade is counted on.</summary>
    public static string[] GradeLadder(Profiles.ScoringModel model) => model.Grades.Select(g => g.Grade).ToArray();
}

/// <summary>A post-loan risk warning about a firm, raised by a profile rebuild for one bank that follows the firm.</summary>
public sealed class Alert
{
    public Guid Id { get; set; }
    public Guid InstitutionId { get; set; }
    public Guid EnterpriseId { get; set; }
    public AlertKind Kind { get; set; }
    public string Detail { get; set; } = null!;
    public DateTimeOffset RaisedAt { get; set; }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Detail).HasMaxLength(500);
        builder.HasIndex(a => new { a.InstitutionId, a.RaisedAt });
        builder.HasIndex(a => new { a.EnterpriseId, a.RaisedAt });
    }
}

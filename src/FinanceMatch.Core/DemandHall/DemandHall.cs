using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.DemandHall;

/// <summary>What a loan is for, as a category (the request's own words never leave the firm's view).</summary>
public enum PurposeCategory
{
    WorkingCapital,
    Equipment,
    Expansion,
    Trade,
    ResearchAndDevelopment,
    Other,
}

/// <summary>
/// The demand hall (抢单大厅) shows banks the requests nobody took, anonymised so that no entry points to a firm: no
/// name, no USCC, the amount to two significant figures, the week it was posted, and the firm's division, industry
/// section and grade band only as far as at least <see cref="MinCell"/> verified firms share them. A value that would
/// single out fewer firms is generalised (division to its province) or suppressed (null).
/// </summary>
public static class Anonymisation
{
    /// <summary>The fewest firms a shown combination of division, industry section and grade band may describe.</summary>
    public const int MinCell = 5;

    /// <summary>A grade as a band: A (AAA, AA, A), B (BBB, BB, B), C, or unrated.</summary>
    public static string BandOf(string? grade) =>
        grade switch
        {
            null => "unrated",
            "C" => "C",
            _ when grade.StartsWith('A') => "A",
            _ => "B",
        };

    /// <summary>Two significant figures: 1,234,567 → 1,200,000.</summary>
    public static decimal RoundAmount(decimal amount)
    {
        if (amount <= 0)
            return 0;
        var digits = (int)Math.Floor(Math.Log10((double)amount)) + 1;
        var unit = (decimal)Math.Pow(10, Math.Max(0, digits - 2));
        return Math.Round(amount / unit, MidpointRounding.AwayFromZero) * unit;
    }

    /// <summary>The Monday of the week a request was posted.</summary>
    public static DateOnly WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>
    /// How much of a firm's division, industry and grade band may be shown, given <paramref name="firms"/>: the number of
    /// verified firms by (city: first 4 digits of the division, industry section, band). The city when its cell holds
    /// <see cref="MinCell"/> firms, else the province when its cell does; else the province and band without the
    /// industry; else nothing.
    /// </summary>
    public static (string? Division, string? IndustrySection, string? GradeBand) Generalise(
        string divisionCode,
        string industryCode,
        string band,
        IReadOnlyDictionary<(string City, string Section, string Band), int> firms
    )
    {
        var city = divisionCode[..4];
        var province = divisionCode[..2];
        var section = industryCode[..1];
        if (firms.GetValueOrDefault((city, section, band)) >= MinCell)
            return (city + "00", section, band);
        var inProvince = firms.Where(f => f.Key.City.StartsWith(province, StringComparison.Ordinal)).ToList();
        if (inProvince.Where(f => f.Key.Section == section && f.Key.Band == band).Sum(f => f.Value) >= MinCell)
            return (province + "0000", section, band);
        if (inProvince.Where(f => f.Key.Band == band).Sum(f => f.Value) >= MinCell)
            return (province + "0000", null, band);
        return (null, null, null);
    }
}

public enum InterestStatus
{
    /// <summary>The bank is interested; the firm has not answered.</summary>
    Open,

    /// <summary>The firm confirmed: a match with the bank's product was made and its consent now covers the bank.</summary>
    Confirmed,
}

/// <summary>
/// A bank's interest in a request of the demand hall, with the product it would lend under. The bank learns nothing of
/// the firm until the firm confirms: the confirmation makes the match, and the request's consent covers a bank only
/// through a match.
/// </summary>
public sealed class DemandHallInterest
{
    public const int MaxNoteLength = 1000;

    private DemandHallInterest() { }

    public Guid Id { get; private set; }
    public Guid LoanRequestId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public Guid ProductId { get; private set; }
    public string? Note { get; private set; }
    public InterestStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? MatchId { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static DemandHallInterest Express(
        Guid loanRequestId,
        Guid institutionId,
        Guid productId,
        string? note,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LoanRequestId = loanRequestId,
            InstitutionId = institutionId,
            ProductId = productId,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Status = InterestStatus.Open,
            CreatedAt = now,
        };

    /// <summary>The bank says it again, with another product or note: only before the firm answers.</summary>
    public void Revise(Guid productId, string? note)
    {
        if (Status != InterestStatus.Open)
            throw new ConflictException("The firm already confirmed this interest.");
        ProductId = productId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void Confirm(Guid matchId, DateTimeOffset now)
    {
        if (Status != InterestStatus.Open)
            throw new ConflictException("This interest was already confirmed.");
        Status = InterestStatus.Confirmed;
        MatchId = matchId;
        ConfirmedAt = now;
    }
}

internal sealed class DemandHallInterestConfiguration : IEntityTypeConfiguration<DemandHallInterest>
{
    public void Configure(EntityTypeBuilder<DemandHallInterest> builder)
    {
        builder.ToTable("demand_hall_interests");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Note).HasMaxLength(DemandHallInterest.MaxNoteLength);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.RowVersion).IsRowVersion();
        builder.HasOne<LoanRequests.LoanRequest>().WithMany().HasForeignKey(i => i.LoanRequestId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(i => i.InstitutionId);
        builder.HasOne<Products.Product>().WithMany().HasForeignKey(i => i.ProductId);
        // One interest of a bank in a request.
        builder.HasIndex(i => new { i.LoanRequestId, i.InstitutionId }).IsUnique();
        builder.HasIndex(i => new { i.InstitutionId, i.CreatedAt });
    }
}

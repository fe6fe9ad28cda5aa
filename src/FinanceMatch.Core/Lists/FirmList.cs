using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Lists;

/// <summary>What a department's list says of the firms on it.</summary>
public enum ListKind
{
    /// <summary>培育池: firms a department grooms for their first loans.</summary>
    CultivationPool,

    /// <summary>重点企业: key firms pushed to banks (key projects, supply chains, epidemic supplies).</summary>
    KeyFirms,

    /// <summary>红名单: firms honoured for their credit (A-level taxpayers, model employers).</summary>
    RedList,

    /// <summary>专精特新: specialised, refined, distinctive and innovative SMEs.</summary>
    Specialised,

    /// <summary>Any other list a department keeps.</summary>
    Other,
}

/// <summary>
/// A department's list of firms by USCC (a whitelist, a cultivation pool, a red list). Products and policies may target
/// it; the banks it is shared with may subscribe to it and learn of its new members that have consented to them. Its
/// members are loaded through the feed pipeline (<see cref="ListMember"/>) and count only while the list is valid.
/// </summary>
public sealed class FirmList
{
    public const int MaxSharedWith = 200;

    private FirmList() { }

    public Guid Id { get; private set; }
    public Guid DepartmentId { get; private set; }
    public string Name { get; private set; } = null!;
    public ListKind Kind { get; private set; }
    public string? Description { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    /// <summary>Every bank may see the list, target it with products and subscribe to it.</summary>
    public bool SharedWithAllBanks { get; private set; }

    /// <summary>The banks that may, when not <see cref="SharedWithAllBanks"/>.</summary>
    public List<Guid> SharedWith { get; private set; } = [];

    /// <summary>Members as of the last applied batch.</summary>
    public int MemberCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static FirmList Create(
        Guid departmentId,
        string name,
        ListKind kind,
        string? description,
        DateOnly validFrom,
        DateOnly? validTo,
        bool sharedWithAllBanks,
        IEnumerable<Guid> sharedWith,
        DateTimeOffset now
    )
    {
        if (validTo < validFrom)
            throw UnprocessableException.For("validTo", "validTo cannot be before validFrom.");
        var banks = sharedWith.Distinct().ToList();
        if (sharedWithAllBanks && banks.Count > 0)
            throw UnprocessableException.For(
                "sharedWith",
                "A list shared with every bank names no banks; leave sharedWith empty."
            );
        return new()
        {
            Id = Guid.CreateVersion7(now),
            DepartmentId = departmentId,
            Name = name.Trim(),
            Kind = kind,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            ValidFrom = validFrom,
            ValidTo = validTo,
            SharedWithAllBanks = sharedWithAllBanks,
            SharedWith = banks,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Whether membership counts on <paramref name="on"/>: products, policies and matching read it only then.</summary>
    public bool IsValidOn(DateOnly on) => on >= ValidFrom && (ValidTo is not { } to || on <= to);

    /// <summary>Whether a bank may see the list, target it and subscribe to it.</summary>
    public bool IsSharedWith(Guid institutionId) => SharedWithAllBanks || SharedWith.Contains(institutionId);
}

/// <summary>A firm on a list, by USCC (the firm need not be registered on the platform yet).</summary>
public sealed class ListMember
{
    private ListMember() { }

    public Guid ListId { get; private set; }
    public string Uscc { get; private set; } = null!;

    /// <summary>The batch that listed it; a later batch that lists it again keeps the first.</summary>
    public Guid BatchId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>A bank following a list shared with it: it is told of new members that have consented to it.</summary>
public sealed class ListSubscription
{
    private ListSubscription() { }

    public Guid ListId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static ListSubscription Of(FirmList list, Guid institutionId, DateTimeOffset now) =>
        !list.IsSharedWith(institutionId)
            ? throw new NotFoundException("No list shared with you has this id.")
            : new()
            {
                ListId = list.Id,
                InstitutionId = institutionId,
                CreatedAt = now,
            };
}

internal sealed class FirmListConfiguration : IEntityTypeConfiguration<FirmList>
{
    public void Configure(EntityTypeBuilder<FirmList> builder)
    {
        builder.ToTable("lists");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Description).HasMaxLength(2000);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.RowVersion).IsRowVersion();
        builder.HasOne<Departments.Department>().WithMany().HasForeignKey(l => l.DepartmentId);
        builder.HasIndex(l => new { l.DepartmentId, l.CreatedAt });
    }
}

internal sealed class ListMemberConfiguration : IEntityTypeConfiguration<ListMember>
{
    public void Configure(EntityTypeBuilder<ListMember> builder)
    {
        builder.ToTable("list_members");
        builder.HasKey(m => new { m.ListId, m.Uscc });
        builder.Property(m => m.Uscc).HasMaxLength(18).IsFixedLength();
        builder.HasOne<FirmList>().WithMany().HasForeignKey(m => m.ListId);
        // Matching and policies ask which lists a firm is on.
        builder.HasIndex(m => m.Uscc);
    }
}

internal sealed class ListSubscriptionConfiguration : IEntityTypeConfiguration<ListSubscription>
{
    public void Configure(EntityTypeBuilder<ListSubscription> builder)
    {
        builder.ToTable("list_subscriptions");
        builder.HasKey(s => new { s.ListId, s.InstitutionId });
        builder.HasOne<FirmList>().WithMany().HasForeignKey(s => s.ListId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(s => s.InstitutionId);
    }
}

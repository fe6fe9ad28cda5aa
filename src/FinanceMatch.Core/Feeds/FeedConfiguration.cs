using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Feeds;

internal sealed class FeedBatchConfiguration : IEntityTypeConfiguration<FeedBatch>
{
    public void Configure(EntityTypeBuilder<FeedBatch> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.FeedType).HasConversion<string>().HasMaxLength(32);
        builder.Property(b => b.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(b => b.PayloadSha256).HasMaxLength(64);
        builder.Property(b => b.FailureReason).HasMaxLength(2000);
        builder.Property(b => b.SourceCursor).HasMaxLength(2000);
        builder.Property(b => b.SourceNextCursor).HasMaxLength(2000);
        builder.Ignore(b => b.IsFinished);
        builder.HasIndex(b => new { b.DepartmentId, b.ReceivedAt });
        builder.HasIndex(b => new { b.InstitutionId, b.ReceivedAt });
        builder.ToTable(t =>
            t.HasCheckConstraint("ck_feed_batches_one_owner", "num_nonnulls(department_id, institution_id) = 1")
        );
        builder.HasIndex(b => new { b.Status, b.ReceivedAt });
        builder.HasIndex(b => new { b.SourceId, b.ReceivedAt });
        builder.HasOne<Lists.FirmList>().WithMany().HasForeignKey(b => b.ListId);
        builder.HasIndex(b => new { b.ListId, b.ReceivedAt }).HasFilter("list_id IS NOT NULL");
    }
}

internal sealed class FeedBatchChunkConfiguration : IEntityTypeConfiguration<FeedBatchChunk>
{
    public void Configure(EntityTypeBuilder<FeedBatchChunk> builder)
    {
        builder.ToTable("feed_batch_chunks");
        builder.HasKey(c => new { c.BatchId, c.Sequence });
        builder.HasOne<FeedBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedBatchErrorConfiguration : IEntityTypeConfiguration<FeedBatchError>
{
    public void Configure(EntityTypeBuilder<FeedBatchError> builder)
    {
        builder.ToTable("feed_batch_errors");
        builder.HasKey(e => new
        {
            e.BatchId,
            e.RowNumber,
            e.Ordinal,
        });
        builder.Property(e => e.Field).HasMaxLength(64);
        builder.Property(e => e.Message).HasMaxLength(500);
        builder.HasOne<FeedBatch>().WithMany().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedSourceConfiguration : IEntityTypeConfiguration<FeedSource>
{
    public void Configure(EntityTypeBuilder<FeedSource> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.FeedType).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.BaseUrl).HasMaxLength(500);
        builder.Property(s => s.Cron).HasMaxLength(100);
        builder.Property(s => s.ProtectedApiKey).HasMaxLength(2000);
        builder.Property(s => s.Cursor).HasMaxLength(2000);
        builder.Property(s => s.LastError).HasMaxLength(2000);
        builder.Ignore(s => s.RecurringJobId);
        builder.HasOne<Departments.Department>().WithMany().HasForeignKey(s => s.DepartmentId);
    }
}

internal static class FeedRecordMapping
{
    public static void Common<T>(EntityTypeBuilder<T> builder)
        where T : FeedRecord
    {
        builder.Property(r => r.Uscc).HasMaxLength(18).IsFixedLength();
        builder.HasIndex(r => r.BatchId);
    }
}

internal sealed class TaxRecordConfiguration : IEntityTypeConfiguration<TaxRecord>
{
    public void Configure(EntityTypeBuilder<TaxRecord> builder)
    {
        builder.HasKey(r => new { r.Uscc, r.Period });
        FeedRecordMapping.Common(builder);
        builder.Property(r => r.TaxCreditRating).HasMaxLength(1);
    }
}

internal sealed class SocialSecurityRecordConfiguration : IEntityTypeConfiguration<SocialSecurityRecord>
{
    public void Configure(EntityTypeBuilder<SocialSecurityRecord> builder)
    {
        builder.HasKey(r => new { r.Uscc, r.Period });
        FeedRecordMapping.Common(builder);
    }
}

internal sealed class UtilityRecordConfiguration : IEntityTypeConfiguration<UtilityRecord>
{
    public void Configure(EntityTypeBuilder<UtilityRecord> builder)
    {
        builder.HasKey(r => new
        {
            r.Uscc,
            r.Period,
            r.Kind,
        });
        FeedRecordMapping.Common(builder);
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.Consumption).HasPrecision(18, 3);
    }
}

internal sealed class PenaltyRecordConfiguration : IEntityTypeConfiguration<PenaltyRecord>
{
    public void Configure(EntityTypeBuilder<PenaltyRecord> builder)
    {
        builder.HasKey(r => new { r.DepartmentId, r.DecisionNo });
        FeedRecordMapping.Common(builder);
        builder.HasIndex(r => r.Uscc);
        builder.Property(r => r.DecisionNo).HasMaxLength(64);
        builder.Property(r => r.Authority).HasMaxLength(200);
        builder.Property(r => r.Severity).HasMaxLength(16);
    }
}

internal sealed class JudicialRecordConfiguration : IEntityTypeConfiguration<JudicialRecord>
{
    public void Configure(EntityTypeBuilder<JudicialRecord> builder)
    {
        builder.HasKey(r => new { r.DepartmentId, r.CaseNo });
        FeedRecordMapping.Common(builder);
        builder.HasIndex(r => r.Uscc);
        builder.Property(r => r.CaseNo).HasMaxLength(64);
        builder.Property(r => r.Kind).HasMaxLength(16);
    }
}

internal sealed class ProfileRebuildRequestConfiguration : IEntityTypeConfiguration<ProfileRebuildRequest>
{
    public void Configure(EntityTypeBuilder<ProfileRebuildRequest> builder)
    {
        builder.HasKey(r => r.Uscc);
        builder.Property(r => r.Uscc).HasMaxLength(18).IsFixedLength();
    }
}

internal sealed class PendingJobTriggerConfiguration : IEntityTypeConfiguration<PendingJobTrigger>
{
    public void Configure(EntityTypeBuilder<PendingJobTrigger> builder)
    {
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasMaxLength(64);
    }
}

internal sealed class HousingFundRecordConfiguration : IEntityTypeConfiguration<HousingFundRecord>
{
    public void Configure(EntityTypeBuilder<HousingFundRecord> builder)
    {
        builder.HasKey(r => new { r.Uscc, r.Period });
        FeedRecordMapping.Common(builder);
    }
}

internal sealed class IntellectualPropertyRecordConfiguration : IEntityTypeConfiguration<IntellectualPropertyRecord>
{
    public void Configure(EntityTypeBuilder<IntellectualPropertyRecord> builder)
    {
        builder.HasKey(r => new { r.Uscc, r.Number });
        FeedRecordMapping.Common(builder);
        builder.Property(r => r.Number).HasMaxLength(64);
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.Status).HasMaxLength(16);
    }
}

internal sealed class RealEstateRecordConfiguration : IEntityTypeConfiguration<RealEstateRecord>
{
    public void Configure(EntityTypeBuilder<RealEstateRecord> builder)
    {
        builder.HasKey(r => new
        {
            r.Uscc,
            r.CertificateNo,
            r.Kind,
        });
        FeedRecordMapping.Common(builder);
        builder.Property(r => r.CertificateNo).HasMaxLength(64);
        builder.Property(r => r.Kind).HasMaxLength(16);
    }
}

internal sealed class RegistrationRecordConfiguration : IEntityTypeConfiguration<RegistrationRecord>
{
    public void Configure(EntityTypeBuilder<RegistrationRecord> builder)
    {
        builder.HasKey(r => new { r.Uscc, r.EntryId });
        FeedRecordMapping.Common(builder);
        builder.Property(r => r.EntryId).HasMaxLength(64);
        builder.Property(r => r.Record).HasMaxLength(32);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.LegalRepresentative).HasMaxLength(100);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(500);
    }
}

internal sealed class HonourRecordConfiguration : IEntityTypeConfiguration<HonourRecord>
{
    public void Configure(EntityTypeBuilder<HonourRecord> builder)
    {
        builder.HasKey(r => new
        {
            r.Uscc,
            r.Kind,
            r.GrantedOn,
        });
        FeedRecordMapping.Common(builder);
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.Level).HasMaxLength(16);
        builder.Property(r => r.Title).HasMaxLength(200);
    }
}

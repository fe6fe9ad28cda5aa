using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.CallerScope, r.Key });
        builder.Property(r => r.CallerScope).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        // json, not jsonb: a replay must return the very bytes first sent, key order included.
        builder.Property(r => r.ResponseBody).HasColumnType("json");
        builder.Ignore(r => r.IsCompleted);
        builder.HasIndex(r => r.CreatedAt);
    }
}

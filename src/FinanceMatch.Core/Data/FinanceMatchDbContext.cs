using FinanceMatch.Core.Departments;
using FinanceMatch.Core.Enterprises;
using FinanceMatch.Core.Feeds;
using FinanceMatch.Core.Idempotency;
using FinanceMatch.Core.Identity;
using FinanceMatch.Core.Institutions;
using FinanceMatch.Core.Profiles;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace FinanceMatch.Core.Data;

public sealed class FinanceMatchDbContext(DbContextOptions<FinanceMatchDbContext> options) : DbContext(options)
{
    public const string Schema = "financematch";
    public const string MigrationsAssembly = "FinanceMatch.Migrations";

    public DbSet<Credential> Credentials => Set<Credential>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<UsedLicenceAssertion> UsedLicenceAssertions => Set<UsedLicenceAssertion>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<FeedBatch> FeedBatches => Set<FeedBatch>();
    public DbSet<FeedBatchChunk> FeedBatchChunks => Set<FeedBatchChunk>();
    public DbSet<FeedBatchError> FeedBatchErrors => Set<FeedBatchError>();
    public DbSet<FeedSource> FeedSources => Set<FeedSource>();
    public DbSet<TaxRecord> TaxRecords => Set<TaxRecord>();
    public DbSet<SocialSecurityRecord> SocialSecurityRecords => Set<SocialSecurityRecord>();
    public DbSet<UtilityRecord> UtilityRecords => Set<UtilityRecord>();
    public DbSet<PenaltyRecord> PenaltyRecords => Set<PenaltyRecord>();
    public DbSet<JudicialRecord> JudicialRecords => Set<JudicialRecord>();
    public DbSet<HousingFundRecord> HousingFundRecords => Set<HousingFundRecord>();
    public DbSet<RegistrationRecord> RegistrationRecords => Set<RegistrationRecord>();
    public DbSet<IntellectualPropertyRecord> IntellectualPropertyRecords => Set<IntellectualPropertyRecord>();
    public DbSet<RealEstateRecord> RealEstateRecords => Set<RealEstateRecord>();
    public DbSet<HonourRecord> HonourRecords => Set<HonourRecord>();
    public DbSet<ProfileRebuildRequest> ProfileRebuildRequests => Set<ProfileRebuildRequest>();
    public DbSet<PendingJobTrigger> PendingJobTriggers => Set<PendingJobTrigger>();
    public DbSet<CreditProfile> CreditProfiles => Set<CreditProfile>();
    public DbSet<CreditProfileSnapshot> CreditProfileHistory => Set<CreditProfileSnapshot>();
    public DbSet<ProfileRebuildRun> ProfileRebuildRuns => Set<ProfileRebuildRun>();
    public DbSet<Repairs.RepairRequest> RepairRequests => Set<Repairs.RepairRequest>();
    public DbSet<Repairs.RepairAttachment> RepairAttachments => Set<Repairs.RepairAttachment>();
    public DbSet<Quality.QualityFinding> QualityFindings => Set<Quality.QualityFinding>();
    public DbSet<Consents.Consent> Consents => Set<Consents.Consent>();
    public DbSet<Alerts.Alert> Alerts => Set<Alerts.Alert>();
    public DbSet<Consents.ReportAccess> ReportAccesses => Set<Consents.ReportAccess>();
    public DbSet<Consents.ReportAccessChain> ReportAccessChains => Set<Consents.ReportAccessChain>();
    public DbSet<Products.Product> Products => Set<Products.Product>();
    public DbSet<Products.ProductVersion> ProductVersions => Set<Products.ProductVersion>();
    public DbSet<LoanRequests.LoanRequest> LoanRequests => Set<LoanRequests.LoanRequest>();
    public DbSet<Matching.Match> Matches => Set<Matching.Match>();
    public DbSet<Guarantees.GuaranteeProduct> GuaranteeProducts => Set<Guarantees.GuaranteeProduct>();
    public DbSet<Guarantees.Guarantee> Guarantees => Set<Guarantees.Guarantee>();
    public DbSet<Loans.Loan> Loans => Set<Loans.Loan>();
    public DbSet<Loans.LoanPerformanceReport> LoanPerformance => Set<Loans.LoanPerformanceReport>();
    public DbSet<RiskProgrammes.RiskProgramme> RiskProgrammes => Set<RiskProgrammes.RiskProgramme>();
    public DbSet<RiskProgrammes.RiskEnrolment> RiskEnrolments => Set<RiskProgrammes.RiskEnrolment>();
    public DbSet<RiskProgrammes.RiskClaim> RiskClaims => Set<RiskProgrammes.RiskClaim>();
    public DbSet<Funds.LedgerEntry> Ledger => Set<Funds.LedgerEntry>();
    public DbSet<Policies.Policy> Policies => Set<Policies.Policy>();
    public DbSet<Policies.PolicyEnrolment> PolicyEnrolments => Set<Policies.PolicyEnrolment>();
    public DbSet<Policies.SubsidyClaim> SubsidyClaims => Set<Policies.SubsidyClaim>();
    public DbSet<DemandHall.DemandHallInterest> DemandHallInterests => Set<DemandHall.DemandHallInterest>();
    public DbSet<Lists.FirmList> Lists => Set<Lists.FirmList>();
    public DbSet<Lists.ListMember> ListMembers => Set<Lists.ListMember>();
    public DbSet<Lists.ListSubscription> ListSubscriptions => Set<Lists.ListSubscription>();
    public DbSet<Objections.Objection> Objections => Set<Objections.Objection>();
    public DbSet<Webhooks.Webhook> Webhooks => Set<Webhooks.Webhook>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookOutboxEntry> WebhookOutbox => Set<Webhooks.WebhookOutboxEntry>();
    public DbSet<Webhooks.WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<Webhooks.WebhookDeliveryAttempt>();

    /// <summary>The one place that says how the context talks to PostgreSQL, shared by the app and the design-time factory.</summary>
    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Npgsql).UseSnakeCaseNamingConvention();

    /// <summary>The same, on a connection already open (and maybe in a transaction) that the context must share.</summary>
    public static void Configure(DbContextOptionsBuilder options, System.Data.Common.DbConnection connection) =>
        options.UseNpgsql(connection, Npgsql).UseSnakeCaseNamingConvention();

    /// <inheritdoc cref="Configure(DbContextOptionsBuilder, NpgsqlDataSource)"/>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention();

    private static void Npgsql(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(MigrationsAssembly).MigrationsHistoryTable("__ef_migrations_history", Schema);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FinanceMatchDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}

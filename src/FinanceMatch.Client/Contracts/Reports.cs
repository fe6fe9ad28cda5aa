using System.Text.Json.Serialization;

namespace FinanceMatch.Client.Contracts;

/// <summary>A firm's authorised credit report as a bank reads it: only the consented scopes appear.</summary>
public sealed record ReportDto(
    Guid EnterpriseId,
    string Uscc,
    Guid? ConsentId,
    DateTimeOffset GeneratedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProfileDto? Profile,
    ReportRecordsDto Records
);

/// <summary>The last 24 months of records, per consented feed.</summary>
public sealed record ReportRecordsDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TaxRecordDto>? Tax,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<SocialSecurityRecordDto>? SocialSecurity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UtilityRecordDto>? Utility,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PenaltyRecordDto>? Penalty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JudicialRecordDto>? Judicial,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<HousingFundRecordDto>? HousingFund = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<IntellectualPropertyRecordDto>? IntellectualProperty = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<RealEstateRecordDto>? RealEstate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<HonourRecordDto>? Honour = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<RegistrationRecordDto>? Registration = null
);

/// <summary>
/// The market regulator's record of the firm: the registration itself (record <c>registration</c>, recordKey
/// <c>registration</c>: name, legal representative, established on, registered capital, status — active, abnormal,
/// revoked or deregistered) or a listing (record <c>abnormalOperation</c> or <c>seriousViolation</c>, recordKey: its
/// entry id: listed on, reason, removed on).
/// </summary>
public sealed record RegistrationRecordDto(
    string RecordKey,
    string Record,
    string? Name,
    string? LegalRepresentative,
    DateOnly? EstablishedOn,
    decimal? RegisteredCapital,
    string? Status,
    DateOnly? ListedOn,
    string? Reason,
    DateOnly? RemovedOn,
    bool Disputed
);

/// <summary>A monthly housing provident fund record (recordKey: the month).</summary>
public sealed record HousingFundRecordDto(
    string RecordKey,
    string Period,
    int ContributingEmployees,
    decimal AmountPaid,
    decimal Arrears,
    bool Disputed
);

/// <summary>A patent or trademark (recordKey: its number).</summary>
public sealed record IntellectualPropertyRecordDto(
    string RecordKey,
    string Number,
    string Kind,
    DateOnly GrantedOn,
    string Status,
    bool Disputed
);

/// <summary>A mortgage registration or a seizure of the firm's real estate (recordKey: certificateNo/kind).</summary>
public sealed record RealEstateRecordDto(
    string RecordKey,
    string CertificateNo,
    string Kind,
    decimal Amount,
    DateOnly RegisteredOn,
    DateOnly? ReleasedOn,
    bool Disputed
);

/// <summary>An honour: A-level taxpayer, 专精特新 designation or award (recordKey: kind/grantedOn).</summary>
public sealed record HonourRecordDto(
    string RecordKey,
    string Kind,
    DateOnly GrantedOn,
    string Level,
    string? Title,
    DateOnly? ValidUntil,
    bool Disputed
);

/// <summary>A monthly tax record.</summary>
public sealed record TaxRecordDto(
    string RecordKey,
    string Period,
    decimal TaxPaid,
    decimal TaxableRevenue,
    decimal Arrears,
    string? TaxCreditRating,
    bool Disputed
);

/// <summary>A monthly social-security record.</summary>
public sealed record SocialSecurityRecordDto(
    string RecordKey,
    string Period,
    int InsuredEmployees,
    decimal ContributionPaid,
    decimal Arrears,
    bool Disputed
);

/// <summary>A monthly utility record.</summary>
public sealed record UtilityRecordDto(
    string RecordKey,
    string Period,
    string Kind,
    decimal Consumption,
    decimal AmountBilled,
    decimal AmountOverdue,
    bool Disputed
);

/// <summary>An administrative penalty.</summary>
/// <remarks>
/// PublicityEndsOn: the day it stops being publicised and counting (the severity's months after the decision, or the
/// department's later date). Standing: <c>inForce</c> (it counts), <c>expired</c> (publicity over), <c>repaired</c> (a
/// credit repair was approved on <c>repairedOn</c>) or <c>revoked</c>. Repair: the latest repair request's status, if any.
/// </remarks>
public sealed record PenaltyRecordDto(
    string RecordKey,
    string DecisionNo,
    DateOnly DecidedOn,
    string Authority,
    string Severity,
    decimal Amount,
    DateOnly? RevokedOn,
    bool Disputed,
    DateOnly? PublicityEndsOn = null,
    string Standing = "inForce",
    DateOnly? RepairedOn = null,
    RepairStatus? Repair = null
);

/// <summary>A court record.</summary>
public sealed record JudicialRecordDto(
    string RecordKey,
    string CaseNo,
    DateOnly FiledOn,
    string Kind,
    decimal Amount,
    DateOnly? ClosedOn,
    bool Disputed
);

/// <summary>Who read a firm's credit data.</summary>
public enum AccessActorRole
{
    /// <summary>A bank, under the firm's consent.</summary>
    Bank,

    /// <summary>A platform operator (supervision); no consent is involved.</summary>
    Operator,
}

/// <summary>
/// One read of a firm's credit data (a bank's report read, an operator's read of report, profile or history), listed
/// oldest first. The records of one firm form a hash chain: <c>hash</c> = lowercase hex SHA-256 of
/// <c>previousHash|id|accessedAt|actorRole|institutionId|consentId|purpose|scopes</c> with every value exactly as
/// returned here (absent values empty, scopes joined by commas); the first <c>previousHash</c> is 64 zeros.
/// </summary>
public sealed record ReportAccessDto(
    Guid Id,
    DateTimeOffset AccessedAt,
    AccessActorRole ActorRole,
    Guid? InstitutionId,
    string? OperatorClientId,
    Guid? ConsentId,
    IReadOnlyList<ConsentScope> Scopes,
    ConsentPurpose? Purpose,
    string PreviousHash,
    string Hash
);

/// <summary>What <c>GET /api/v1/audit/report-accesses/verify</c> found: every chain recomputed, the records that do not fit.</summary>
public sealed record AccessChainVerificationDto(
    long EnterprisesChecked,
    long RecordsChecked,
    IReadOnlyList<BrokenAccessRecordDto> Broken
);

/// <summary>A record whose hash, predecessor or position does not fit its firm's chain.</summary>
public sealed record BrokenAccessRecordDto(Guid EnterpriseId, Guid RecordId);

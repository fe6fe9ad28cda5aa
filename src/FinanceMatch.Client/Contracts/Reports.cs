using System.Text.Json.Serialization;

namespace FinanceMatch.Client.Contracts;

/// <summary>A firm's authorised credit report as a bank reads it: only the consented scopes appear.</summary>
/// <param name="EnterpriseId">The firm's id (a UUID).</param>
/// <param name="Uscc">The firm's unified social credit code (18 characters).</param>
/// <param name="ConsentId">
/// The id (a UUID) of the consent the bank read under; null for an operator's supervisory read.
/// </param>
/// <param name="GeneratedAt">
/// When the report was read (ISO 8601, UTC); the same instant as the read's access record.
/// </param>
/// <param name="Profile">
/// The firm's credit profile; omitted when the consent does not cover <c>profile</c> or the firm has no profile yet.
/// </param>
/// <param name="Records">The firm's records of each consented feed.</param>
public sealed record ReportDto(
    Guid EnterpriseId,
    string Uscc,
    Guid? ConsentId,
    DateTimeOffset GeneratedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProfileDto? Profile,
    ReportRecordsDto Records
);

/// <summary>The last 24 months of records, per consented feed.</summary>
/// <param name="Tax">
/// Monthly tax records of the last 24 months, newest first; omitted without the <c>tax</c> scope.
/// </param>
/// <param name="SocialSecurity">
/// Monthly social-security records of the last 24 months, newest first; omitted without the <c>socialSecurity</c>
/// scope.
/// </param>
/// <param name="Utility">
/// Monthly utility records of the last 24 months, newest first; omitted without the <c>utility</c> scope.
/// </param>
/// <param name="Penalty">
/// Administrative penalties decided in the last 24 months, newest first; omitted without the <c>penalty</c> scope.
/// </param>
/// <param name="Judicial">
/// Court records filed in the last 24 months or still open, newest first; omitted without the <c>judicial</c> scope.
/// </param>
/// <param name="HousingFund">
/// Monthly housing provident fund records of the last 24 months, newest first; omitted without the <c>housingFund</c>
/// scope.
/// </param>
/// <param name="IntellectualProperty">
/// Patents and trademarks granted in the last 24 months or still valid, newest first; omitted without the
/// <c>intellectualProperty</c> scope.
/// </param>
/// <param name="RealEstate">
/// Mortgages and seizures registered in the last 24 months or not yet released, newest first; omitted without the
/// <c>realEstate</c> scope.
/// </param>
/// <param name="Honour">
/// Honours granted in the last 24 months or still valid, newest first; omitted without the <c>honour</c> scope.
/// </param>
/// <param name="Registration">
/// The market regulator's registration record, then listings of the last 24 months or still standing; omitted without
/// the <c>registration</c> scope.
/// </param>
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
/// <param name="RecordKey">
/// <c>registration</c> for the registration record, else the listing's entry id (at most 64 characters).
/// </param>
/// <param name="Record">
/// What the record is: <c>registration</c>, <c>abnormalOperation</c> or <c>seriousViolation</c>.
/// </param>
/// <param name="Name">
/// The firm's registered name (at most 200 characters); set on the registration record, usually null on a listing.
/// </param>
/// <param name="LegalRepresentative">
/// The firm's legal representative (at most 100 characters); set on the registration record, usually null on a listing.
/// </param>
/// <param name="EstablishedOn">
/// The day the firm was established (<c>YYYY-MM-DD</c>); set on the registration record, usually null on a listing.
/// </param>
/// <param name="RegisteredCapital">
/// Registered capital in yuan; set on the registration record, usually null on a listing.
/// </param>
/// <param name="Status">
/// The firm's status: <c>active</c>, <c>abnormal</c>, <c>revoked</c> or <c>deregistered</c>; set on the registration
/// record, usually null on a listing.
/// </param>
/// <param name="ListedOn">The day the firm was listed (<c>YYYY-MM-DD</c>); null on the registration record.</param>
/// <param name="Reason">Why the firm was listed (at most 500 characters); null on the registration record.</param>
/// <param name="RemovedOn">
/// The day the listing was removed (<c>YYYY-MM-DD</c>); null while it stands and on the registration record.
/// </param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
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
/// <param name="RecordKey">The month, <c>YYYY-MM</c>: the key to object to this record by.</param>
/// <param name="Period">The month the record covers, <c>YYYY-MM</c>.</param>
/// <param name="ContributingEmployees">Employees the firm paid into the fund for that month.</param>
/// <param name="AmountPaid">Contributions paid for the month, in yuan.</param>
/// <param name="Arrears">Contributions owed and unpaid, in yuan; 0 when none.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
public sealed record HousingFundRecordDto(
    string RecordKey,
    string Period,
    int ContributingEmployees,
    decimal AmountPaid,
    decimal Arrears,
    bool Disputed
);

/// <summary>A patent or trademark (recordKey: its number).</summary>
/// <param name="RecordKey">The patent or trademark number: the key to object to this record by.</param>
/// <param name="Number">The patent or trademark number (at most 64 characters).</param>
/// <param name="Kind"><c>invention</c>, <c>utilityModel</c>, <c>design</c> (patents) or <c>trademark</c>.</param>
/// <param name="GrantedOn">The day it was granted (<c>YYYY-MM-DD</c>).</param>
/// <param name="Status"><c>valid</c>, <c>lapsed</c> or <c>invalidated</c>.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
public sealed record IntellectualPropertyRecordDto(
    string RecordKey,
    string Number,
    string Kind,
    DateOnly GrantedOn,
    string Status,
    bool Disputed
);

/// <summary>A mortgage registration or a seizure of the firm's real estate (recordKey: certificateNo/kind).</summary>
/// <param name="RecordKey"><c>certificateNo/kind</c>: the key to object to this record by.</param>
/// <param name="CertificateNo">The property certificate number (at most 64 characters).</param>
/// <param name="Kind"><c>mortgage</c> or <c>seizure</c>.</param>
/// <param name="Amount">The amount registered with the mortgage or seizure, in yuan.</param>
/// <param name="RegisteredOn">The day the mortgage or seizure was registered (<c>YYYY-MM-DD</c>).</param>
/// <param name="ReleasedOn">The day it was released (<c>YYYY-MM-DD</c>); null while it stands.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
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
/// <param name="RecordKey"><c>kind/YYYY-MM-DD</c> (the grant date): the key to object to this record by.</param>
/// <param name="Kind"><c>aLevelTaxpayer</c>, <c>specialised</c> (a 专精特新 designation) or <c>award</c>.</param>
/// <param name="GrantedOn">The day it was granted (<c>YYYY-MM-DD</c>).</param>
/// <param name="Level">
/// The level of the granting body: <c>national</c>, <c>provincial</c>, <c>municipal</c> or <c>district</c>.
/// </param>
/// <param name="Title">The honour's title (at most 200 characters); null when none was given.</param>
/// <param name="ValidUntil">
/// The last day it is in force (<c>YYYY-MM-DD</c>, may lie ahead); null when it has no end.
/// </param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
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
/// <param name="RecordKey">The month, <c>YYYY-MM</c>: the key to object to this record by.</param>
/// <param name="Period">The month the record covers, <c>YYYY-MM</c>.</param>
/// <param name="TaxPaid">Tax paid for the month, in yuan.</param>
/// <param name="TaxableRevenue">Taxable revenue of the month, in yuan.</param>
/// <param name="Arrears">Tax owed and unpaid, in yuan; 0 when none.</param>
/// <param name="TaxCreditRating">
/// The tax credit rating reported with the month: A, B, M, C or D (A best); null when none was reported.
/// </param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
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
/// <param name="RecordKey">The month, <c>YYYY-MM</c>: the key to object to this record by.</param>
/// <param name="Period">The month the record covers, <c>YYYY-MM</c>.</param>
/// <param name="InsuredEmployees">Employees insured that month.</param>
/// <param name="ContributionPaid">Contributions paid for the month, in yuan.</param>
/// <param name="Arrears">Contributions owed and unpaid, in yuan; 0 when none.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
public sealed record SocialSecurityRecordDto(
    string RecordKey,
    string Period,
    int InsuredEmployees,
    decimal ContributionPaid,
    decimal Arrears,
    bool Disputed
);

/// <summary>A monthly utility record.</summary>
/// <param name="RecordKey"><c>YYYY-MM/kind</c>: the key to object to this record by.</param>
/// <param name="Period">The month the record covers, <c>YYYY-MM</c>.</param>
/// <param name="Kind"><c>electricity</c>, <c>water</c> or <c>gas</c>.</param>
/// <param name="Consumption">
/// How much was used in the month, in the supplier's metering unit (up to 3 decimals).
/// </param>
/// <param name="AmountBilled">The month's bill, in yuan.</param>
/// <param name="AmountOverdue">The amount overdue, in yuan; 0 when none.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
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
/// <param name="RecordKey">The decision number: the key to object to this record by.</param>
/// <param name="DecisionNo">The penalty decision's number (at most 64 characters).</param>
/// <param name="DecidedOn">The day the penalty was decided (<c>YYYY-MM-DD</c>).</param>
/// <param name="Authority">The authority that imposed it (at most 200 characters).</param>
/// <param name="Severity">
/// <c>minor</c>, <c>general</c> or <c>serious</c>; it sets how long the penalty is publicised (3, 12 or 36 months by
/// default).
/// </param>
/// <param name="Amount">The fine, in yuan; 0 when there was none.</param>
/// <param name="RevokedOn">The day the penalty was revoked (<c>YYYY-MM-DD</c>); null unless revoked.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
/// <param name="PublicityEndsOn">The day the penalty stops being publicised and counting (<c>YYYY-MM-DD</c>).</param>
/// <param name="Standing">
/// <c>inForce</c>, <c>expired</c>, <c>repaired</c> or <c>revoked</c>: whether the penalty still counts, and if not,
/// why.
/// </param>
/// <param name="RepairedOn">
/// The day an approved credit repair stopped it counting (<c>YYYY-MM-DD</c>); null unless repaired.
/// </param>
/// <param name="Repair">
/// The status of the latest credit repair request for this penalty; null when none was filed.
/// </param>
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
/// <param name="RecordKey">The case number: the key to object to this record by.</param>
/// <param name="CaseNo">The court case number (at most 64 characters).</param>
/// <param name="FiledOn">The day the case was filed (<c>YYYY-MM-DD</c>).</param>
/// <param name="Kind">
/// <c>enforcement</c> (a court enforcement case) or <c>dishonestDebtor</c> (a listing as a dishonest judgment debtor).
/// </param>
/// <param name="Amount">The amount at stake, in yuan.</param>
/// <param name="ClosedOn">The day the case was closed (<c>YYYY-MM-DD</c>); null while open.</param>
/// <param name="Disputed">True while the firm has an open objection to this record.</param>
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
/// <param name="Id">The access record's id (a UUID).</param>
/// <param name="AccessedAt">When the data was read (ISO 8601, UTC); hash it exactly as returned.</param>
/// <param name="ActorRole">Who read: <c>bank</c> or <c>operator</c>.</param>
/// <param name="InstitutionId">The id (a UUID) of the bank that read; null for an operator.</param>
/// <param name="OperatorClientId">The client id of the operator who read; null for a bank.</param>
/// <param name="ConsentId">The id (a UUID) of the consent the bank read under; null for an operator.</param>
/// <param name="Scopes">
/// The parts of the firm's data the read covered: the consent's scopes for a bank; every scope for an operator's report
/// read, <c>profile</c> for a profile or history read.
/// </param>
/// <param name="Purpose">The purpose the bank read for; null for an operator.</param>
/// <param name="PreviousHash">
/// The previous record's <c>hash</c> (64 lowercase hex characters); 64 zeros for the firm's first record.
/// </param>
/// <param name="Hash">
/// This record's hash: lowercase hex SHA-256 (64 characters) of the pipe-joined values described for the access record.
/// </param>
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
/// <param name="EnterprisesChecked">How many firms' chains were recomputed.</param>
/// <param name="RecordsChecked">How many access records were checked.</param>
/// <param name="Broken">The records that do not fit their chain; empty when every chain is intact.</param>
public sealed record AccessChainVerificationDto(
    long EnterprisesChecked,
    long RecordsChecked,
    IReadOnlyList<BrokenAccessRecordDto> Broken
);

/// <summary>A record whose hash, predecessor or position does not fit its firm's chain.</summary>
/// <param name="EnterpriseId">The id (a UUID) of the firm whose chain is broken.</param>
/// <param name="RecordId">
/// The id (a UUID) of the record that does not fit; when records are missing from the chain's end, its last record.
/// </param>
public sealed record BrokenAccessRecordDto(Guid EnterpriseId, Guid RecordId);

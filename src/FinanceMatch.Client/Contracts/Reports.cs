using System.Text.Json.Serialization;

namespace FinanceMatch.Client.Contracts;

/// <summary>A firm's authorised credit report as a bank reads it: only the consented scopes appear.</summary>
public sealed record ReportDto(
    Guid EnterpriseId,
    string Uscc,
    Guid ConsentId,
    DateTimeOffset GeneratedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProfileDto? Profile,
    ReportRecordsDto Records);

/// <summary>The last 24 months of records, per consented feed.</summary>
public sealed record ReportRecordsDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TaxRecordDto>? Tax,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SocialSecurityRecordDto>? SocialSecurity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UtilityRecordDto>? Utility,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PenaltyRecordDto>? Penalty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JudicialRecordDto>? Judicial);

/// <summary>A monthly tax record.</summary>
public sealed record TaxRecordDto(string RecordKey, string Period, decimal TaxPaid, decimal TaxableRevenue, decimal Arrears, string? TaxCreditRating, bool Disputed);

/// <summary>A monthly social-security record.</summary>
public sealed record SocialSecurityRecordDto(string RecordKey, string Period, int InsuredEmployees, decimal ContributionPaid, decimal Arrears, bool Disputed);

/// <summary>A monthly utility record.</summary>
public sealed record UtilityRecordDto(string RecordKey, string Period, string Kind, decimal Consumption, decimal AmountBilled, decimal AmountOverdue, bool Disputed);

/// <summary>An administrative penalty.</summary>
public sealed record PenaltyRecordDto(string RecordKey, string DecisionNo, DateOnly DecidedOn, string Authority, string Severity, decimal Amount,
    DateOnly? RevokedOn, bool Disputed);

/// <summary>A court record.</summary>
public sealed record JudicialRecordDto(string RecordKey, string CaseNo, DateOnly FiledOn, string Kind, decimal Amount, DateOnly? ClosedOn, bool Disputed);

/// <summary>One read of a firm's report by a bank.</summary>
public sealed record ReportAccessDto(Guid Id, Guid InstitutionId, Guid ConsentId, IReadOnlyList<ConsentScope> Scopes, ConsentPurpose Purpose,
    DateTimeOffset AccessedAt);

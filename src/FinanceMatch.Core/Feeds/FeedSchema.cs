using System.Globalization;
using FinanceMatch.Core.Common;
using NpgsqlTypes;

namespace FinanceMatch.Core.Feeds;

public enum FieldKind
{
    Uscc,

    /// <summary><c>YYYY-MM</c>, not after the current month; stored as the month's first day.</summary>
    Period,

    /// <summary>CNY yuan ≥ 0 with at most 2 decimals.</summary>
    Money,

    /// <summary>A whole number ≥ 0.</summary>
    Count,

    /// <summary>A measured quantity ≥ 0 with at most 3 decimals.</summary>
    Quantity,

    /// <summary><c>YYYY-MM-DD</c>, not in the future.</summary>
    Date,

    /// <summary><c>YYYY-MM-DD</c> that may lie ahead (a validity's end), before 2200.</summary>
    EndDate,
    Text,
    Choice,
}

public sealed record FeedField(
    string Name,
    string Column,
    FieldKind Kind,
    bool Required,
    object? Default = null,
    IReadOnlyList<string>? Choices = null,
    int MaxLength = 0
)
{
    public NpgsqlDbType DbType =>
        Kind switch
        {
            FieldKind.Period or FieldKind.Date or FieldKind.EndDate => NpgsqlDbType.Date,
            FieldKind.Money or FieldKind.Quantity => NpgsqlDbType.Numeric,
            FieldKind.Count => NpgsqlDbType.Integer,
            _ => NpgsqlDbType.Text,
        };

    public string StagingType =>
        Kind switch
        {
            FieldKind.Period or FieldKind.Date or FieldKind.EndDate => "date",
            FieldKind.Money or FieldKind.Quantity => "numeric",
            FieldKind.Count => "integer",
            _ => "text",
        };
}

public readonly record struct FieldError(string Field, string Message);

/// <summary>
/// The record layout of one feed type: its fields, how each is checked, its table and natural key. Everything that
/// differs between feed types is data here, so parsing, validation and the set-based upsert are written once.
/// </summary>
public sealed class FeedSchema
{
    private static readonly string[] UtilityKinds = ["electricity", "water", "gas"];
    private static readonly string[] Severities = ["minor", "general", "serious"];
    private static readonly string[] JudicialKinds = ["enforcement", "dishonestDebtor"];
    private static readonly string[] TaxCreditRatings = ["A", "B", "M", "C", "D"];
    private static readonly string[] IntellectualPropertyKinds = ["invention", "utilityModel", "design", "trademark"];
    private static readonly string[] IntellectualPropertyStatuses = ["valid", "lapsed", "invalidated"];
    private static readonly string[] RealEstateKinds = ["mortgage", "seizure"];
    private static readonly string[] HonourKinds = ["aLevelTaxpayer", "specialised", "award"];
    private static readonly string[] HonourLevels = ["national", "provincial", "municipal", "district"];
    private static readonly string[] RegistrationRecords =
    [
        RegistrationRecord.Registration,
        RegistrationRecord.AbnormalOperation,
        RegistrationRecord.SeriousViolation,
    ];
    private static readonly string[] RegistrationStatuses = ["active", "abnormal", "revoked", "deregistered"];
    private static readonly string[] ListingFields = ["entryId", "listedOn", "reason"];

    /// <summary>What each kind of registration row must carry, and what it must leave empty.</summary>
    private static readonly RowVariants RegistrationVariants = new(
        "record",
        new Dictionary<string, (IReadOnlyList<string>, IReadOnlyList<string>)>
        {
            [RegistrationRecord.Registration] = (
                ["name", "legalRepresentative", "establishedOn", "registeredCapital", "status"],
                [.. ListingFields, "removedOn"]
            ),
            [RegistrationRecord.AbnormalOperation] = (ListingFields, []),
            [RegistrationRecord.SeriousViolation] = (ListingFields, []),
        },
        // The registration's record key is "registration": no listing may take it as its entry id.
        ("entryId", RegistrationRecord.Registration)
    );

    /// <summary>The loan statuses a report may name, as on the wire.</summary>
    private static readonly string[] LoanStatuses =
    [
        "repaying",
        "overdue",
        "settled",
        "defaulted",
        "recovered",
        "writtenOff",
    ];

    private readonly Dictionary<string, int> indexByName;

    private FeedSchema(
        FeedType feedType,
        string table,
        IReadOnlyList<FeedField> fields,
        IReadOnlyList<string> keyColumns,
        bool keyIncludesDepartment,
        bool appliedByItsOwnRules = false,
        (string Start, string End)? span = null,
        string? recordKey = null,
        RowVariants? variants = null
    )
    {
        this.recordKey = recordKey;
        Variants = variants;
        AppliedByItsOwnRules = appliedByItsOwnRules;
        Span = span;
        FeedType = feedType;
        Table = table;
        Fields = fields;
        KeyColumns = keyColumns;
        KeyIncludesDepartment = keyIncludesDepartment;
        indexByName = fields
            .Select((f, i) => (f.Name, i))
            .ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
    }

    public FeedType FeedType { get; }
    public string Table { get; }
    public IReadOnlyList<FeedField> Fields { get; }

    /// <summary>Natural key columns within the batch (the department is added for department-scoped keys).</summary>
    public IReadOnlyList<string> KeyColumns { get; }
    public bool KeyIncludesDepartment { get; }

    /// <summary>
    /// Rows that are not records of a department but moves of an entity with rules of its own (a bank's loan reports):
    /// parsed and checked here like every feed, then applied one by one by their entity, never upserted.
    /// </summary>
    public bool AppliedByItsOwnRules { get; }

    /// <summary>
    /// Records of a month (tax, social security, utilities, housing fund): the ones that grow with firms × months. Their
    /// table is partitioned by period, a partition a month (<see cref="FeedPartitions"/>).
    /// </summary>
    public bool IsMonthly => !AppliedByItsOwnRules && KeyColumns.Contains("period");

    /// <summary>The feeds whose tables are partitioned by month.</summary>
    public static IEnumerable<FeedSchema> Monthly => All.Values.Where(s => s.IsMonthly);

    /// <summary>A record's start and end fields, when it has both: the end cannot precede the start.</summary>
    public (string Start, string End)? Span { get; }

    private readonly string? recordKey;

    /// <summary>Rows of several kinds in one feed: which fields each kind requires and which it must leave empty.</summary>
    public RowVariants? Variants { get; }

    /// <summary>
    /// The SQL expression of a record's key as a firm names it in an objection and a report shows it (the natural key
    /// without the USCC), over the table or staging rows aliased <paramref name="alias"/>. One definition per feed, used by
    /// reports (disputed), objections (whose record) and batches (which objections a corrected record closes).
    /// </summary>
    public string RecordKeySql(string alias) =>
        recordKey?.Replace("{a}", alias, StringComparison.Ordinal)
        ?? throw new InvalidOperationException($"{FeedType} records are not disputed by key.");

    public int IndexOf(string fieldName) => indexByName.GetValueOrDefault(fieldName, -1);

    public static FeedSchema For(FeedType feedType) => All[feedType];

    public static readonly IReadOnlyDictionary<FeedType, FeedSchema> All = new Dictionary<FeedType, FeedSchema>
    {
        [FeedType.Tax] = new(
            FeedType.Tax,
            "tax_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("period", "period", FieldKind.Period, true),
                new("taxPaid", "tax_paid", FieldKind.Money, true),
                new("taxableRevenue", "taxable_revenue", FieldKind.Money, true),
                new("arrears", "arrears", FieldKind.Money, false, 0m),
                new("taxCreditRating", "tax_credit_rating", FieldKind.Choice, false, Choices: TaxCreditRatings),
            ],
            ["uscc", "period"],
            false,
            recordKey: "to_char({a}.period, 'YYYY-MM')"
        ),
        [FeedType.SocialSecurity] = new(
            FeedType.SocialSecurity,
            "social_security_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("period", "period", FieldKind.Period, true),
                new("insuredEmployees", "insured_employees", FieldKind.Count, true),
                new("contributionPaid", "contribution_paid", FieldKind.Money, true),
                new("arrears", "arrears", FieldKind.Money, false, 0m),
            ],
            ["uscc", "period"],
            false,
            recordKey: "to_char({a}.period, 'YYYY-MM')"
        ),
        [FeedType.Utility] = new(
            FeedType.Utility,
            "utility_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("period", "period", FieldKind.Period, true),
                new("kind", "kind", FieldKind.Choice, true, Choices: UtilityKinds),
                new("consumption", "consumption", FieldKind.Quantity, true),
                new("amountBilled", "amount_billed", FieldKind.Money, true),
                new("amountOverdue", "amount_overdue", FieldKind.Money, false, 0m),
            ],
            ["uscc", "period", "kind"],
            false,
            recordKey: "to_char({a}.period, 'YYYY-MM') || '/' || {a}.kind"
        ),
        [FeedType.Penalty] = new(
            FeedType.Penalty,
            "penalty_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("decisionNo", "decision_no", FieldKind.Text, true, MaxLength: 64),
                new("decidedOn", "decided_on", FieldKind.Date, true),
                new("authority", "authority", FieldKind.Text, true, MaxLength: 200),
                new("severity", "severity", FieldKind.Choice, true, Choices: Severities),
                new("amount", "amount", FieldKind.Money, true),
                new("revokedOn", "revoked_on", FieldKind.Date, false),
                new("publicityEndsOn", "publicity_ends_on", FieldKind.EndDate, false),
            ],
            ["decision_no"],
            true,
            span: ("decidedOn", "revokedOn"),
            recordKey: "{a}.decision_no"
        ),
        [FeedType.Judicial] = new(
            FeedType.Judicial,
            "judicial_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("caseNo", "case_no", FieldKind.Text, true, MaxLength: 64),
                new("filedOn", "filed_on", FieldKind.Date, true),
                new("kind", "kind", FieldKind.Choice, true, Choices: JudicialKinds),
                new("amount", "amount", FieldKind.Money, true),
                new("closedOn", "closed_on", FieldKind.Date, false),
            ],
            ["case_no"],
            true,
            span: ("filedOn", "closedOn"),
            recordKey: "{a}.case_no"
        ),
        // A bank's loans, each report checked by the loan's state machine row by row (Loan.Report), not upserted.
        [FeedType.LoanPerformance] = new(
            FeedType.LoanPerformance,
            "loan_performance",
            [
                new("loanId", "loan_id", FieldKind.Text, true, MaxLength: 36),
                new("period", "period", FieldKind.Period, true),
                new("principalOutstanding", "principal_outstanding", FieldKind.Money, true),
                new("overdueDays", "overdue_days", FieldKind.Count, true),
                new("status", "status", FieldKind.Choice, true, Choices: LoanStatuses),
            ],
            ["loan_id", "period"],
            false,
            appliedByItsOwnRules: true
        ),
        [FeedType.HousingFund] = new(
            FeedType.HousingFund,
            "housing_fund_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("period", "period", FieldKind.Period, true),
                new("contributingEmployees", "contributing_employees", FieldKind.Count, true),
                new("amountPaid", "amount_paid", FieldKind.Money, true),
                new("arrears", "arrears", FieldKind.Money, false, 0m),
            ],
            ["uscc", "period"],
            false,
            recordKey: "to_char({a}.period, 'YYYY-MM')"
        ),
        [FeedType.IntellectualProperty] = new(
            FeedType.IntellectualProperty,
            "intellectual_property_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("number", "number", FieldKind.Text, true, MaxLength: 64),
                new("kind", "kind", FieldKind.Choice, true, Choices: IntellectualPropertyKinds),
                new("grantedOn", "granted_on", FieldKind.Date, true),
                new("status", "status", FieldKind.Choice, false, "valid", IntellectualPropertyStatuses),
            ],
            ["uscc", "number"],
            false,
            recordKey: "{a}.number"
        ),
        [FeedType.RealEstate] = new(
            FeedType.RealEstate,
            "real_estate_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("certificateNo", "certificate_no", FieldKind.Text, true, MaxLength: 64),
                new("kind", "kind", FieldKind.Choice, true, Choices: RealEstateKinds),
                new("amount", "amount", FieldKind.Money, true),
                new("registeredOn", "registered_on", FieldKind.Date, true),
                new("releasedOn", "released_on", FieldKind.Date, false),
            ],
            ["uscc", "certificate_no", "kind"],
            false,
            span: ("registeredOn", "releasedOn"),
            recordKey: "{a}.certificate_no || '/' || {a}.kind"
        ),
        [FeedType.Honour] = new(
            FeedType.Honour,
            "honour_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("kind", "kind", FieldKind.Choice, true, Choices: HonourKinds),
                new("grantedOn", "granted_on", FieldKind.Date, true),
                new("level", "level", FieldKind.Choice, true, Choices: HonourLevels),
                new("title", "title", FieldKind.Text, false, MaxLength: 200),
                new("validUntil", "valid_until", FieldKind.EndDate, false),
            ],
            ["uscc", "kind", "granted_on"],
            false,
            span: ("grantedOn", "validUntil"),
            recordKey: "{a}.kind || '/' || to_char({a}.granted_on, 'YYYY-MM-DD')"
        ),
        [FeedType.Registration] = new(
            FeedType.Registration,
            "registration_records",
            [
                new("uscc", "uscc", FieldKind.Uscc, true),
                new("record", "record", FieldKind.Choice, false, RegistrationRecord.Registration, RegistrationRecords),
                new("entryId", "entry_id", FieldKind.Text, false, "", MaxLength: 64),
                new("name", "name", FieldKind.Text, false, MaxLength: 200),
                new("legalRepresentative", "legal_representative", FieldKind.Text, false, MaxLength: 100),
                new("establishedOn", "established_on", FieldKind.Date, false),
                new("registeredCapital", "registered_capital", FieldKind.Money, false),
                new("status", "status", FieldKind.Choice, false, Choices: RegistrationStatuses),
                new("listedOn", "listed_on", FieldKind.Date, false),
                new("reason", "reason", FieldKind.Text, false, MaxLength: 500),
                new("removedOn", "removed_on", FieldKind.Date, false),
            ],
            ["uscc", "entry_id"],
            false,
            span: ("listedOn", "removedOn"),
            recordKey: $"CASE WHEN {{a}}.entry_id = '' THEN '{RegistrationRecord.Registration}' ELSE {{a}}.entry_id END",
            variants: RegistrationVariants
        ),
        // A list's members: staged like any feed, then applied to the list the batch was uploaded to (ListMembership).
        [FeedType.ListMembers] = new(
            FeedType.ListMembers,
            "list_members",
            [new("uscc", "uscc", FieldKind.Uscc, true)],
            ["uscc"],
            false
        ),
    };

    /// <summary>
    /// Checks one row's raw values (aligned with <see cref="Fields"/>, null when absent or empty) and writes the typed values.
    /// Returns false, with the reasons added to <paramref name="errors"/>, when any field is wrong.
    /// </summary>
    public bool TryParseRow(string?[] raw, object?[] typed, List<FieldError> errors, DateOnly today)
    {
        var ok = true;
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            var value = raw[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    errors.Add(new(field.Name, $"{field.Name} is required."));
                    ok = false;
                }
                typed[i] = field.Default;
                continue;
            }
            if (ParseValue(field, value.Trim(), today, out var parsed) is { } message)
            {
                errors.Add(new(field.Name, message));
                ok = false;
                continue;
            }
            typed[i] = parsed;
        }
        if (ok && Variants is { } variants)
            ok = variants.Check(this, typed, errors);
        // A revocation, closure, release or expiry cannot precede the decision, filing, registration or grant it ends.
        if (
            ok
            && Span is var (startName, endName)
            && typed[IndexOf(endName)] is DateOnly end
            && typed[IndexOf(startName)] is DateOnly start
            && end < start
        )
        {
            errors.Add(new(endName, $"{endName} cannot be before {startName}."));
            ok = false;
        }
        return ok;
    }

    private static string? ParseValue(FeedField field, string value, DateOnly today, out object? parsed)
    {
        parsed = null;
        switch (field.Kind)
        {
            case FieldKind.Uscc:
                var uscc = value.ToUpperInvariant();
                if (Uscc.Validate(uscc) is { } usccError)
                    return usccError;
                parsed = uscc;
                return null;
            case FieldKind.Period:
                if (!TryParsePeriod(value, out var period))
                    return $"{field.Name} must be a month as YYYY-MM.";
                if (period > new DateOnly(today.Year, today.Month, 1))
                    return $"{field.Name} cannot be in the future.";
                if (period.Year < 1990)
                    return $"{field.Name} is before 1990.";
                parsed = period;
                return null;
            case FieldKind.Date or FieldKind.EndDate:
                if (
                    !DateOnly.TryParseExact(
                        value,
                        "yyyy-MM-dd",
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.None,
                        out var date
                    )
                )
                    return $"{field.Name} must be a date as YYYY-MM-DD.";
                if (field.Kind == FieldKind.Date && date > today)
                    return $"{field.Name} cannot be in the future.";
                if (date.Year >= 2200)
                    return $"{field.Name} is after 2199.";
                if (date.Year < 1950)
                    return $"{field.Name} is before 1950.";
                parsed = date;
                return null;
            case FieldKind.Money or FieldKind.Quantity:
                if (
                    !decimal.TryParse(
                        value,
                        NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent,
                        CultureInfo.InvariantCulture,
                        out var amount
                    )
                )
                    return $"{field.Name} must be a number.";
                if (amount < 0)
                    return $"{field.Name} cannot be negative.";
                if (amount >= 1_000_000_000_000_000m)
                    return $"{field.Name} is too large.";
                var scale = field.Kind == FieldKind.Money ? 2 : 3;
                if (decimal.Round(amount, scale) != amount)
                    return $"{field.Name} has more than {scale} decimals.";
                parsed = amount;
                return null;
            case FieldKind.Count:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    return $"{field.Name} must be a whole number ≥ 0.";
                parsed = count;
                return null;
            case FieldKind.Choice:
                foreach (var choice in field.Choices!)
                {
                    if (!string.Equals(choice, value, StringComparison.OrdinalIgnoreCase))
                        continue;
                    parsed = choice;
                    return null;
                }
                return $"{field.Name} must be one of {string.Join(", ", field.Choices!)}.";
            default:
                if (value.Length > field.MaxLength)
                    return $"{field.Name} is longer than {field.MaxLength} characters.";
                parsed = value;
                return null;
        }
    }

    private static bool TryParsePeriod(string value, out DateOnly period)
    {
        period = default;
        if (
            value.Length != 7
            || value[4] != '-'
            || value.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9')
            || value.AsSpan(5, 2).ContainsAnyExceptInRange('0', '9')
        )
            return false;
        var year = int.Parse(value.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = (value[5] - '0') * 10 + (value[6] - '0');
        if (year < 1 || month is < 1 or > 12)
            return false;
        period = new DateOnly(year, month, 1);
        return true;
    }

    public string StagingTableSql(string name) =>
        $"CREATE UNLOGGED TABLE {name} (row_number integer NOT NULL, {string.Join(", ", Fields.Select(f => $"{f.Column} {f.StagingType}"))})";

    public string CopySql(string name) =>
        $"COPY {name} (row_number, {string.Join(", ", Fields.Select(f => f.Column))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// A record belongs to the department that first supplied it: the rows of <paramref name="staging"/> whose natural
    /// key another department supplied are removed from the staging table and recorded as rejected with their row
    /// number, in one statement (one pass over the staging rows; $1 the department, $2 the batch) that returns how many.
    /// Null for feeds whose key includes the department (penalties, court records), where no two departments share a key.
    /// </summary>
    public string? ForeignRowsSql(string staging)
    {
        if (KeyIncludesDepartment)
            return null;
        var match = string.Join(" AND ", KeyColumns.Select(k => $"t.{k} = s.{k}"));
        var key = string.Join(" + ", Fields.Where(f => KeyColumns.Contains(f.Column)).Select(f => f.Name));
        // Most feeds have one supplier: when no other department has a record of this feed, no row can be foreign, and
        // the first clause answers that without touching the batch's rows.
        return $"""
            WITH foreign_rows AS (
                DELETE FROM {staging} s USING financematch.{Table} t
                WHERE EXISTS (SELECT 1 FROM financematch.{Table} o WHERE o.department_id <> $1) AND {match} AND t.department_id <> $1
                RETURNING s.row_number
            )
            INSERT INTO financematch.feed_batch_errors (batch_id, row_number, ordinal, field, message)
            SELECT $2::uuid, row_number, 0, 'uscc', 'Another department supplied the record with this {key}; only it may change it.'
            FROM foreign_rows
            """;
    }

    /// <summary>
    /// The open objections ($2 the feed type as stored) to records of the department $1 that the rows of
    /// <paramref name="staging"/> change: run before the upsert, these are the objections the corrected record closes.
    /// A record re-sent unchanged closes nothing (a correction changes something).
    /// </summary>
    public string CorrectedObjectionsSql(string staging)
    {
        var columns = Fields.Where(f => f.Column != "uscc").Select(f => f.Column).ToList();
        return $"""
            SELECT DISTINCT o.id FROM financematch.objections o
            JOIN financematch.{Table} t ON t.uscc = o.uscc AND {RecordKeySql(
                "t"
            )} = o.record_key AND t.department_id = $1
            JOIN {staging} s ON s.uscc = o.uscc AND {RecordKeySql("s")} = o.record_key
            WHERE o.status = 'Open' AND o.feed_type = $2 AND o.department_id = $1
                AND ROW({string.Join(", ", columns.Select(c => $"t.{c}"))}) IS DISTINCT FROM ROW({string.Join(
                ", ",
                columns.Select(c => $"s.{c}")
            )})
            """;
    }

    /// <summary>
    /// One set-based upsert: duplicates inside the batch are resolved first (the last row wins), then every natural key
    /// either inserts or replaces the earlier record, which then points at this batch. Parameters: $1 department, $2 batch, $3 now.
    /// </summary>
    public string UpsertSql(string staging)
    {
        var columns = Fields.Select(f => f.Column).ToList();
        var conflictKey = KeyIncludesDepartment ? ["department_id", .. KeyColumns] : KeyColumns;
        var updates = columns
            .Where(c => !conflictKey.Contains(c))
            .Append("department_id")
            .Append("batch_id")
            .Append("updated_at")
            .Distinct()
            .Select(c => $"{c} = excluded.{c}");
        return $"""
            INSERT INTO financematch.{Table} ({string.Join(", ", columns)}, department_id, batch_id, updated_at)
            SELECT DISTINCT ON ({string.Join(", ", KeyColumns)}) {string.Join(", ", columns)}, $1, $2, $3
            FROM {staging}
            ORDER BY {string.Join(", ", KeyColumns)}, row_number DESC
            ON CONFLICT ({string.Join(", ", conflictKey)}) DO UPDATE SET {string.Join(", ", updates)}
            WHERE {Table}.department_id = excluded.department_id
            """;
    }
}

/// <summary>
/// A feed whose rows come in kinds (the registration and its listings): <paramref name="Field"/> names the kind, and each
/// kind lists the fields it requires and those it must leave empty.
/// </summary>
public sealed record RowVariants(
    string Field,
    IReadOnlyDictionary<string, (IReadOnlyList<string> Required, IReadOnlyList<string> Empty)> Kinds,
    (string Field, string Value)? Reserved = null
)
{
    public bool Check(FeedSchema schema, object?[] typed, List<FieldError> errors)
    {
        if (typed[schema.IndexOf(Field)] is not string kind || !Kinds.TryGetValue(kind, out var rules))
            return true;
        var ok = true;
        foreach (var name in rules.Required)
        {
            if (typed[schema.IndexOf(name)] is null or "")
            {
                errors.Add(new(name, $"{name} is required for a {kind} record."));
                ok = false;
            }
        }
        if (
            Reserved is var (reservedField, reservedValue)
            && typed[schema.IndexOf(reservedField)] is string value
            && string.Equals(value, reservedValue, StringComparison.OrdinalIgnoreCase)
        )
        {
            errors.Add(new(reservedField, $"{reservedField} '{value}' is reserved; it names the registration itself."));
            ok = false;
        }
        foreach (var name in rules.Empty)
        {
            if (typed[schema.IndexOf(name)] is not (null or ""))
            {
                errors.Add(new(name, $"{name} must be empty for a {kind} record."));
                ok = false;
            }
        }
        return ok;
    }
}

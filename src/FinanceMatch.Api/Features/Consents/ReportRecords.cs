using System.Globalization;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Feeds;
using Npgsql;
using DomainConsentScope = FinanceMatch.Core.Consents.ConsentScope;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// A firm's records for a report, newest first, each with its recordKey (the natural key without the USCC) and whether
/// it is disputed: an objection to it is open. One statement per feed, all sent with the read in one batch
/// (<see cref="GetReport"/>): each reads the firm's records only when the read's access record ($1), written earlier in
/// the same transaction, names the feed's scope, so nothing is read that is not recorded. The firm's USCC comes from its
/// own row (character(18)), so each feed's index on the USCC serves the statement.
/// </summary>
internal static class ReportRecords
{
    private static string Month(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whether an objection to the record <c>r</c> (its key given as SQL) is open: the report's <c>disputed</c>.</summary>
    private static string Disputed(DomainFeedType feedType) =>
        $"EXISTS (SELECT 1 FROM financematch.objections o WHERE o.uscc = r.uscc AND o.feed_type = '{feedType}' AND o.status = 'Open' AND o.record_key = {FeedSchema.For(feedType).RecordKeySql("r")}) AS disputed";

    /// <summary>The firm's USCC when the read's access record ($1) names <paramref name="scope"/>; else null, which no record has.</summary>
    private static string RecordedFirm(DomainConsentScope scope) =>
        $"(SELECT e.uscc FROM financematch.report_accesses a JOIN financematch.enterprises e ON e.id = a.enterprise_id WHERE a.id = $1 AND '{scope}' = ANY (a.scopes))";

    private static DateOnly? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    private static readonly string TaxSql = $"""
        SELECT period, tax_paid, taxable_revenue, arrears, tax_credit_rating,
            {Disputed(DomainFeedType.Tax)}
        FROM financematch.tax_records r WHERE r.uscc = {RecordedFirm(DomainConsentScope.Tax)} AND period >= $2
        ORDER BY period DESC
        """;

    private static readonly string SocialSecuritySql = $"""
        SELECT period, insured_employees, contribution_paid, arrears,
            {Disputed(DomainFeedType.SocialSecurity)}
        FROM financematch.social_security_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.SocialSecurity)} AND period >= $2 ORDER BY period DESC
        """;

    private static readonly string UtilitySql = $"""
        SELECT period, kind, consumption, amount_billed, amount_overdue,
            {Disputed(DomainFeedType.Utility)}
        FROM financematch.utility_records r WHERE r.uscc = {RecordedFirm(DomainConsentScope.Utility)} AND period >= $2
        ORDER BY period DESC, kind
        """;

    /// <summary>Penalties decided in the window, each with its publicity end, its standing and its latest repair request.</summary>
    private static readonly string PenaltySql = $"""
        SELECT decision_no, decided_on, authority, severity, amount, revoked_on,
            {Disputed(DomainFeedType.Penalty)}, publicity_ends_on, repaired_on,
            (SELECT q.status FROM financematch.repair_requests q
             WHERE q.department_id = r.department_id AND q.decision_no = r.decision_no ORDER BY q.created_at DESC LIMIT 1)
        FROM financematch.penalty_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.Penalty)} AND decided_on >= $2
        ORDER BY decided_on DESC, decision_no
        """;

    /// <summary>Court records filed in the window, and older ones still open: an open case matters however old.</summary>
    private static readonly string JudicialSql = $"""
        SELECT case_no, filed_on, kind, amount, closed_on,
            {Disputed(DomainFeedType.Judicial)}
        FROM financematch.judicial_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.Judicial)} AND (filed_on >= $2 OR closed_on IS NULL)
        ORDER BY filed_on DESC, case_no
        """;

    private static readonly string HousingFundSql = $"""
        SELECT period, contributing_employees, amount_paid, arrears,
            {Disputed(DomainFeedType.HousingFund)}
        FROM financematch.housing_fund_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.HousingFund)} AND period >= $2 ORDER BY period DESC
        """;

    /// <summary>Patents and trademarks granted in the window, and older ones still valid: a valid grant does not age out.</summary>
    private static readonly string IntellectualPropertySql = $"""
        SELECT number, kind, granted_on, status, {Disputed(DomainFeedType.IntellectualProperty)}
        FROM financematch.intellectual_property_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.IntellectualProperty)}
            AND (granted_on >= $2 OR status = 'valid')
        ORDER BY granted_on DESC, number
        """;

    /// <summary>Registrations in the window, and older ones not yet released: a standing seizure matters however old.</summary>
    private static readonly string RealEstateSql = $"""
        SELECT certificate_no, kind, amount, registered_on, released_on,
            {Disputed(DomainFeedType.RealEstate)}
        FROM financematch.real_estate_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.RealEstate)} AND (registered_on >= $2 OR released_on IS NULL)
        ORDER BY registered_on DESC, certificate_no, kind
        """;

    /// <summary>Honours granted in the window, and older ones still valid.</summary>
    private static readonly string HonourSql = $"""
        SELECT kind, granted_on, level, title, valid_until,
            {Disputed(DomainFeedType.Honour)}
        FROM financematch.honour_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.Honour)}
            AND (granted_on >= $2 OR valid_until IS NULL OR valid_until >= current_date)
        ORDER BY granted_on DESC, kind
        """;

    /// <summary>
    /// The market regulator's registration record, and the firm's abnormal-operation and serious-violation listings of
    /// the window or still standing.
    /// </summary>
    private static readonly string RegistrationSql = $"""
        SELECT {FeedSchema.For(DomainFeedType.Registration).RecordKeySql("r")}, record, name, legal_representative,
            established_on, registered_capital, status, listed_on, reason, removed_on, {Disputed(
            DomainFeedType.Registration
        )}
        FROM financematch.registration_records r
        WHERE r.uscc = {RecordedFirm(DomainConsentScope.Registration)}
            AND (entry_id = '' OR listed_on >= $2 OR removed_on IS NULL OR removed_on >= $2)
        ORDER BY entry_id = '' DESC, listed_on DESC, entry_id
        """;

    /// <summary>
    /// Adds every feed's statement to the read's batch, after the statement that writes the access record
    /// <paramref name="accessId"/>; <see cref="ReadAsync"/> reads their results in the same order.
    /// </summary>
    public static void AddStatements(NpgsqlBatch batch, Guid accessId, DateOnly today)
    {
        // Monthly feeds from the first of the month 24 months back; dated records from the same day 24 months back.
        var months = new DateOnly(today.Year, today.Month, 1).AddMonths(-24);
        var days = today.AddMonths(-24);
        batch.BatchCommands.Add(Sql.BatchCommand(TaxSql, accessId, months));
        batch.BatchCommands.Add(Sql.BatchCommand(SocialSecuritySql, accessId, months));
        batch.BatchCommands.Add(Sql.BatchCommand(UtilitySql, accessId, months));
        batch.BatchCommands.Add(Sql.BatchCommand(PenaltySql, accessId, days));
        batch.BatchCommands.Add(Sql.BatchCommand(JudicialSql, accessId, days));
        batch.BatchCommands.Add(Sql.BatchCommand(HousingFundSql, accessId, months));
        batch.BatchCommands.Add(Sql.BatchCommand(IntellectualPropertySql, accessId, months));
        batch.BatchCommands.Add(Sql.BatchCommand(RealEstateSql, accessId, days));
        batch.BatchCommands.Add(Sql.BatchCommand(HonourSql, accessId, days));
        batch.BatchCommands.Add(Sql.BatchCommand(RegistrationSql, accessId, days));
    }

    /// <summary>
    /// The records of the statements <see cref="AddStatements"/> added, the reader standing on the result before theirs;
    /// a scope the read's record does not name is null (omitted from the report), a named one with no records empty.
    /// </summary>
    public static async Task<ReportRecordsDto> ReadAsync(
        NpgsqlDataReader reader,
        IReadOnlySet<DomainConsentScope> scopes,
        DateOnly today,
        Profiles.ProfileOptions publicity,
        CancellationToken ct
    )
    {
        var tax = await NextAsync(reader, scopes, DomainConsentScope.Tax, Tax, ct);
        var socialSecurity = await NextAsync(reader, scopes, DomainConsentScope.SocialSecurity, SocialSecurity, ct);
        var utility = await NextAsync(reader, scopes, DomainConsentScope.Utility, Utility, ct);
        var penalty = await NextAsync(
            reader,
            scopes,
            DomainConsentScope.Penalty,
            r => Penalty(r, today, publicity),
            ct
        );
        var judicial = await NextAsync(reader, scopes, DomainConsentScope.Judicial, Judicial, ct);
        var housingFund = await NextAsync(reader, scopes, DomainConsentScope.HousingFund, HousingFund, ct);
        var intellectualProperty = await NextAsync(
            reader,
            scopes,
            DomainConsentScope.IntellectualProperty,
            IntellectualProperty,
            ct
        );
        var realEstate = await NextAsync(reader, scopes, DomainConsentScope.RealEstate, RealEstate, ct);
        var honour = await NextAsync(reader, scopes, DomainConsentScope.Honour, Honour, ct);
        var registration = await NextAsync(reader, scopes, DomainConsentScope.Registration, Registration, ct);
        return new ReportRecordsDto(
            tax,
            socialSecurity,
            utility,
            penalty,
            judicial,
            housingFund,
            intellectualProperty,
            realEstate,
            honour,
            registration
        );
    }

    private static async Task<List<T>?> NextAsync<T>(
        NpgsqlDataReader reader,
        IReadOnlySet<DomainConsentScope> scopes,
        DomainConsentScope scope,
        Func<NpgsqlDataReader, T> map,
        CancellationToken ct
    )
    {
        if (!await reader.NextResultAsync(ct))
            throw new InvalidOperationException($"The report's batch has no result for {scope}.");
        if (!scopes.Contains(scope))
            return null;
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
            rows.Add(map(reader));
        return rows;
    }

    private static TaxRecordDto Tax(NpgsqlDataReader r)
    {
        var period = Month(r.GetFieldValue<DateOnly>(0));
        return new TaxRecordDto(
            period,
            period,
            r.GetDecimal(1),
            r.GetDecimal(2),
            r.GetDecimal(3),
            r.IsDBNull(4) ? null : r.GetString(4),
            r.GetBoolean(5)
        );
    }

    private static SocialSecurityRecordDto SocialSecurity(NpgsqlDataReader r)
    {
        var period = Month(r.GetFieldValue<DateOnly>(0));
        return new SocialSecurityRecordDto(
            period,
            period,
            r.GetInt32(1),
            r.GetDecimal(2),
            r.GetDecimal(3),
            r.GetBoolean(4)
        );
    }

    private static UtilityRecordDto Utility(NpgsqlDataReader r)
    {
        var period = Month(r.GetFieldValue<DateOnly>(0));
        var kind = r.GetString(1);
        return new UtilityRecordDto(
            $"{period}/{kind}",
            period,
            kind,
            r.GetDecimal(2),
            r.GetDecimal(3),
            r.GetDecimal(4),
            r.GetBoolean(5)
        );
    }

    private static PenaltyRecordDto Penalty(NpgsqlDataReader r, DateOnly today, Profiles.ProfileOptions publicity)
    {
        var decidedOn = r.GetFieldValue<DateOnly>(1);
        var (revokedOn, repairedOn) = (Date(r, 5), Date(r, 8));
        var endsOn = publicity.PublicityEndsOn(r.GetString(3), decidedOn, Date(r, 7));
        return new PenaltyRecordDto(
            r.GetString(0),
            r.GetString(0),
            decidedOn,
            r.GetString(2),
            r.GetString(3),
            r.GetDecimal(4),
            revokedOn,
            r.GetBoolean(6),
            endsOn,
            revokedOn is not null ? "revoked"
                : repairedOn is not null ? "repaired"
                : endsOn <= today ? "expired"
                : "inForce",
            repairedOn,
            r.IsDBNull(9) ? null : Enum.Parse<RepairStatus>(r.GetString(9))
        );
    }

    private static JudicialRecordDto Judicial(NpgsqlDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(0),
            r.GetFieldValue<DateOnly>(1),
            r.GetString(2),
            r.GetDecimal(3),
            Date(r, 4),
            r.GetBoolean(5)
        );

    private static HousingFundRecordDto HousingFund(NpgsqlDataReader r)
    {
        var period = Month(r.GetFieldValue<DateOnly>(0));
        return new HousingFundRecordDto(
            period,
            period,
            r.GetInt32(1),
            r.GetDecimal(2),
            r.GetDecimal(3),
            r.GetBoolean(4)
        );
    }

    private static IntellectualPropertyRecordDto IntellectualProperty(NpgsqlDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(0),
            r.GetString(1),
            r.GetFieldValue<DateOnly>(2),
            r.GetString(3),
            r.GetBoolean(4)
        );

    private static RealEstateRecordDto RealEstate(NpgsqlDataReader r) =>
        new(
            $"{r.GetString(0)}/{r.GetString(1)}",
            r.GetString(0),
            r.GetString(1),
            r.GetDecimal(2),
            r.GetFieldValue<DateOnly>(3),
            Date(r, 4),
            r.GetBoolean(5)
        );

    private static HonourRecordDto Honour(NpgsqlDataReader r)
    {
        var grantedOn = r.GetFieldValue<DateOnly>(1);
        return new HonourRecordDto(
            $"{r.GetString(0)}/{grantedOn:yyyy-MM-dd}",
            r.GetString(0),
            grantedOn,
            r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3),
            Date(r, 4),
            r.GetBoolean(5)
        );
    }

    private static RegistrationRecordDto Registration(NpgsqlDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(1),
            r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3),
            Date(r, 4),
            r.IsDBNull(5) ? null : r.GetDecimal(5),
            r.IsDBNull(6) ? null : r.GetString(6),
            Date(r, 7),
            r.IsDBNull(8) ? null : r.GetString(8),
            Date(r, 9),
            r.GetBoolean(10)
        );
}

using System.Globalization;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Feeds;
using Npgsql;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// A firm's records for a report, newest first, each with its recordKey (the natural key without the USCC) and whether
/// it is disputed: an objection to it is open.
/// </summary>
internal static class ReportRecords
{
    private static string Month(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection,
        string sql,
        string uscc,
        DateOnly since,
        Func<NpgsqlDataReader, T> map,
        CancellationToken ct
    )
    {
        await using var command = Sql.Command(connection, sql, uscc, since);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>Whether an objection to the record <c>r</c> (its key given as SQL) is open: the report's <c>disputed</c>.</summary>
    private static string Disputed(DomainFeedType feedType) =>
        $"EXISTS (SELECT 1 FROM financematch.objections o WHERE o.uscc = r.uscc AND o.feed_type = '{feedType}' AND o.status = 'Open' AND o.record_key = {FeedSchema.For(feedType).RecordKeySql("r")}) AS disputed";

    private static DateOnly? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    public static Task<List<TaxRecordDto>> TaxAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT period, tax_paid, taxable_revenue, arrears, tax_credit_rating,
                {Disputed(DomainFeedType.Tax)}
            FROM financematch.tax_records r WHERE uscc = $1 AND period >= $2 ORDER BY period DESC
            """,
            uscc,
            since,
            r =>
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
            },
            ct
        );

    public static Task<List<SocialSecurityRecordDto>> SocialSecurityAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT period, insured_employees, contribution_paid, arrears,
                {Disputed(DomainFeedType.SocialSecurity)}
            FROM financematch.social_security_records r WHERE uscc = $1 AND period >= $2 ORDER BY period DESC
            """,
            uscc,
            since,
            r =>
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
            },
            ct
        );

    public static Task<List<UtilityRecordDto>> UtilityAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT period, kind, consumption, amount_billed, amount_overdue,
                {Disputed(DomainFeedType.Utility)}
            FROM financematch.utility_records r WHERE uscc = $1 AND period >= $2 ORDER BY period DESC, kind
            """,
            uscc,
            since,
            r =>
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
            },
            ct
        );

    /// <summary>Penalties decided in the window, each with its publicity end, its standing and its latest repair request.</summary>
    public static Task<List<PenaltyRecordDto>> PenaltiesAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        DateOnly today,
        Profiles.ProfileOptions publicity,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT decision_no, decided_on, authority, severity, amount, revoked_on,
                {Disputed(DomainFeedType.Penalty)}, publicity_ends_on, repaired_on,
                (SELECT q.status FROM financematch.repair_requests q
                 WHERE q.department_id = r.department_id AND q.decision_no = r.decision_no ORDER BY q.created_at DESC LIMIT 1)
            FROM financematch.penalty_records r WHERE uscc = $1 AND decided_on >= $2 ORDER BY decided_on DESC, decision_no
            """,
            uscc,
            since,
            r =>
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
            },
            ct
        );

    /// <summary>Court records filed in the window, and older ones still open: an open case matters however old.</summary>
    public static Task<List<JudicialRecordDto>> JudicialAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT case_no, filed_on, kind, amount, closed_on,
                {Disputed(DomainFeedType.Judicial)}
            FROM financematch.judicial_records r WHERE uscc = $1 AND (filed_on >= $2 OR closed_on IS NULL) ORDER BY filed_on DESC, case_no
            """,
            uscc,
            since,
            r => new JudicialRecordDto(
                r.GetString(0),
                r.GetString(0),
                r.GetFieldValue<DateOnly>(1),
                r.GetString(2),
                r.GetDecimal(3),
                Date(r, 4),
                r.GetBoolean(5)
            ),
            ct
        );

    public static Task<List<HousingFundRecordDto>> HousingFundAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT period, contributing_employees, amount_paid, arrears,
                {Disputed(DomainFeedType.HousingFund)}
            FROM financematch.housing_fund_records r WHERE uscc = $1 AND period >= $2 ORDER BY period DESC
            """,
            uscc,
            since,
            r =>
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
            },
            ct
        );

    /// <summary>Patents and trademarks granted in the window, and older ones still valid: a valid grant does not age out.</summary>
    public static Task<List<IntellectualPropertyRecordDto>> IntellectualPropertyAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT number, kind, granted_on, status, {Disputed(DomainFeedType.IntellectualProperty)}
            FROM financematch.intellectual_property_records r WHERE uscc = $1 AND (granted_on >= $2 OR status = 'valid')
            ORDER BY granted_on DESC, number
            """,
            uscc,
            since,
            r => new IntellectualPropertyRecordDto(
                r.GetString(0),
                r.GetString(0),
                r.GetString(1),
                r.GetFieldValue<DateOnly>(2),
                r.GetString(3),
                r.GetBoolean(4)
            ),
            ct
        );

    /// <summary>Registrations in the window, and older ones not yet released: a standing seizure matters however old.</summary>
    public static Task<List<RealEstateRecordDto>> RealEstateAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT certificate_no, kind, amount, registered_on, released_on,
                {Disputed(DomainFeedType.RealEstate)}
            FROM financematch.real_estate_records r WHERE uscc = $1 AND (registered_on >= $2 OR released_on IS NULL)
            ORDER BY registered_on DESC, certificate_no, kind
            """,
            uscc,
            since,
            r => new RealEstateRecordDto(
                $"{r.GetString(0)}/{r.GetString(1)}",
                r.GetString(0),
                r.GetString(1),
                r.GetDecimal(2),
                r.GetFieldValue<DateOnly>(3),
                Date(r, 4),
                r.GetBoolean(5)
            ),
            ct
        );

    /// <summary>Honours granted in the window, and older ones still valid.</summary>
    public static Task<List<HonourRecordDto>> HonoursAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT kind, granted_on, level, title, valid_until,
                {Disputed(DomainFeedType.Honour)}
            FROM financematch.honour_records r
            WHERE uscc = $1 AND (granted_on >= $2 OR valid_until IS NULL OR valid_until >= current_date)
            ORDER BY granted_on DESC, kind
            """,
            uscc,
            since,
            r =>
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
            },
            ct
        );

    /// <summary>
    /// The market regulator's registration record, and the firm's abnormal-operation and serious-violation listings of
    /// the window or still standing.
    /// </summary>
    public static Task<List<RegistrationRecordDto>> RegistrationAsync(
        NpgsqlConnection c,
        string uscc,
        DateOnly since,
        CancellationToken ct
    ) =>
        ReadAsync(
            c,
            $"""
            SELECT {FeedSchema.For(DomainFeedType.Registration).RecordKeySql("r")}, record, name, legal_representative,
                established_on, registered_capital, status, listed_on, reason, removed_on, {Disputed(
                DomainFeedType.Registration
            )}
            FROM financematch.registration_records r
            WHERE uscc = $1 AND (entry_id = '' OR listed_on >= $2 OR removed_on IS NULL OR removed_on >= $2)
            ORDER BY entry_id = '' DESC, listed_on DESC, entry_id
            """,
            uscc,
            since,
            r => new RegistrationRecordDto(
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
            ),
            ct
        );
}

using System.Diagnostics;
using System.Text.Json;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client;
using FinanceMatch.Core.Alerts;
using FinanceMatch.Core.Profiles;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// Rebuilds credit profiles set-based: one SQL aggregate over the feed tables yields the metrics of every firm asked for,
/// the model scores them in memory, and one binary COPY plus one upsert writes them back, with a history snapshot for
/// every firm whose score, grade or model version changed. Runs inside the caller's transaction.
/// </summary>
public sealed partial class ProfileBuilder(
    TimeProvider clock,
    IOptions<ProfileOptions> options,
    ILogger<ProfileBuilder> logger
)
{
    /// <summary>
    /// The model version in force: the target of the latest switch-over (in force from the moment it starts, so every
    /// rebuild during it already uses the new version), or the newest version on a deployment that never switched.
    /// </summary>
    public static async Task<ScoringModel> ActiveModelAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var version = await Sql.ScalarAsync<string?>(
            connection,
            """
            SELECT to_version FROM financematch.profile_rebuild_runs
            WHERE kind = 'SwitchOver' ORDER BY requested_at DESC LIMIT 1
            """,
            ct
        );
        return ScoringModel.Find(version) ?? ScoringModel.Newest;
    }

    /// <summary>
    /// Rebuilds the profiles of the given USCCs, or of every firm when null: of verified registrations only, so a claim
    /// nobody has proved never has a profile (nor scores, alerts or matches) computed from the firm's data. Scores with
    /// the version in force, or with <paramref name="model"/>; a switch-over also scores with <paramref name="previous"/>
    /// and records both versions' scores in the history at the same moment.
    /// </summary>
    public async Task<int> RebuildAsync(
        NpgsqlConnection connection,
        IReadOnlyCollection<string>? usccs,
        CancellationToken ct,
        ScoringModel? model = null,
        ScoringModel? previous = null
    )
    {
        var clockStart = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        // Two drains rebuilding one firm at once would each compare with the same old profile and raise its alerts
        // twice: the second waits here for the first to commit, then reads the data and the profile the first left.
        if (usccs is not null)
            await Sql.ExecuteAsync(
                connection,
                "SELECT 1 FROM financematch.credit_profiles WHERE uscc = ANY($1::bpchar[]) ORDER BY uscc FOR NO KEY UPDATE",
                ct,
                (object)usccs.ToArray()
            );
        // Read after the firms' locks: a rebuild that waited behind a switch-over's step scores with the version it left in force.
        model ??= await ActiveModelAsync(connection, ct);
        // Metrics are read and scored a chunk at a time (every firm's through a cursor), so memory stays flat however
        // many firms a pass rebuilds; the staging table collects them for the statements below.
        var staging = $"financematch_staging.profiles_{Guid.NewGuid():N}";
        await Sql.ExecuteAsync(connection, Sql.Load("Profiles.CreateStaging", ("staging", staging)), ct);
        var (count, readIn, scoredIn) = (0, 0L, 0L);
        var phase = Stopwatch.StartNew();
        await foreach (var metrics in ReadMetricsAsync(connection, usccs, now, ct))
        {
            readIn += phase.ElapsedMilliseconds;
            phase.Restart();
            await CopyScoredAsync(connection, staging, metrics, model, previous, ct);
            count += metrics.Count;
            scoredIn += phase.ElapsedMilliseconds;
            phase.Restart();
        }
        readIn += phase.ElapsedMilliseconds;
        if (count == 0)
        {
            await Sql.ExecuteAsync(connection, $"DROP TABLE {staging}", ct);
            return 0;
        }

        await Sql.ExecuteAsync(
            connection,
            Sql.Load("Profiles.RecordHistory", ("staging", staging)),
            ct,
            now,
            model.Version,
            previous?.Version
        );
        await RaiseAlertsAsync(connection, staging, model, now, ct);
        await Sql.ExecuteAsync(
            connection,
            Sql.Load("Profiles.StoreProfiles", ("staging", staging)),
            ct,
            now,
            model.Version
        );
        await Sql.ExecuteAsync(connection, $"DROP TABLE {staging}", ct);
        Telemetry.ProfilesRebuilt.Add(count);
        LogRebuilt(logger, count, clockStart.ElapsedMilliseconds, readIn, scoredIn);
        return count;
    }

    /// <summary>Scores <paramref name="metrics"/> (and by <paramref name="previous"/> too, in a switch-over) into the staging table.</summary>
    private static async Task CopyScoredAsync(
        NpgsqlConnection connection,
        string staging,
        List<(Guid EnterpriseId, ProfileMetrics Metrics)> metrics,
        ScoringModel model,
        ScoringModel? previous,
        CancellationToken ct
    )
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {staging} FROM STDIN (FORMAT BINARY)",
            ct
        );
        foreach (var (enterpriseId, m) in metrics)
        {
            var result = model.Score(m);
            copy.StartRow();
            copy.Write(m.Uscc, NpgsqlDbType.Text);
            copy.Write(enterpriseId, NpgsqlDbType.Uuid);
            copy.Write(result.Rated, NpgsqlDbType.Boolean);
            if (result.Score is { } score)
                copy.Write(score, NpgsqlDbType.Integer);
            else
                copy.WriteNull();
            if (result.Grade is { } grade)
                copy.Write(grade, NpgsqlDbType.Text);
            else
                copy.WriteNull();
            copy.Write(m.TaxMonths, NpgsqlDbType.Integer);
            copy.Write(m.SocialSecurityMonths, NpgsqlDbType.Integer);
            copy.Write(m.UtilityMonths, NpgsqlDbType.Integer);
            copy.Write(m.OpenDishonestDebtorRecords > 0, NpgsqlDbType.Boolean);
            copy.Write(m.SeriousPenaltiesLast36Months > 0, NpgsqlDbType.Boolean);
            copy.Write(m.TaxArrears > 0, NpgsqlDbType.Boolean);
            copy.Write(m.SocialSecurityArrears > 0, NpgsqlDbType.Boolean);
            copy.Write(m.UtilityOverdue > 0, NpgsqlDbType.Boolean);
            copy.Write(m.TaxPaidLast12Months ?? 0m, NpgsqlDbType.Numeric);
            if (m.InsuredEmployeesLatest is { } employees)
                copy.Write(employees, NpgsqlDbType.Integer);
            else
                copy.WriteNull();
            copy.Write(JsonSerializer.Serialize(result.Dimensions, FinanceMatchJson.Options), NpgsqlDbType.Jsonb);
            copy.Write(JsonSerializer.Serialize(result.Factors, FinanceMatchJson.Options), NpgsqlDbType.Jsonb);
            copy.Write(JsonSerializer.Serialize(m with { Uscc = "" }, FinanceMatchJson.Options), NpgsqlDbType.Jsonb);
            copy.Write(m.RegistrationAbnormal, NpgsqlDbType.Boolean);
            copy.Write(m.OpenSeizures > 0, NpgsqlDbType.Boolean);
            copy.Write(result.Caps?.ToArray() ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text);
            if (previous?.Score(m) is { } before)
            {
                copy.Write(before.Score, NpgsqlDbType.Integer);
                copy.Write(before.Grade, NpgsqlDbType.Text);
            }
            else
            {
                copy.WriteNull();
                copy.WriteNull();
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// Compares each rebuilt profile with the one it replaces and raises the API's alerts. An alert says what happened,
    /// never the firm's values (no grades, scores or counts: a bank reads those through a consented, logged report), to
    /// every bank that follows the firm (an active postLoanMonitoring consent, or a loan it disbursed to the firm). Alerts come from a
    /// change between two rebuilds, so re-running a rebuild on unchanged data raises nothing again. Each alert's webhook
    /// deliveries are written in the same statement; the sweep sends them.
    /// </summary>
    private async Task RaiseAlertsAsync(
        NpgsqlConnection connection,
        string staging,
        ScoringModel model,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        await using var command = Sql.Command(
            connection,
            Sql.Load("Profiles.RaiseAlerts", ("staging", staging)),
            now,
            AlertRules.GradeLadder(model),
            AlertRules.GradeDowngradeNotches,
            AlertRules.EmployeesDeclineRatio
        );
        // A pass over every firm compares each with its stored profile: no time limit, as the pass's other statements.
        command.CommandTimeout = 0;
        var raised = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                raised.Add(reader.GetGuid(0));
        await WebhookOutbox.AddAlertDeliveriesAsync(connection, raised, ct);
    }

    /// <summary>The metrics of every verified firm, and of the firms in $9 (a targeted rebuild).</summary>
    private static readonly string AllFirmsMetricsSql = Sql.WithOptionalLines("Profiles.ReadMetrics");

    private static readonly string SomeFirmsMetricsSql = Sql.WithOptionalLines("Profiles.ReadMetrics", "someFirms");

    /// <summary>How many firms' metrics a pass over every firm reads, scores and copies at a time.</summary>
    private const int PassChunk = 50_000;

    /// <summary>
    /// The metrics of the firms asked for, in one piece; of every verified firm, through a cursor in chunks of
    /// <see cref="PassChunk"/> (the caller's transaction holds it), planned as the whole query it is
    /// (<c>cursor_tuple_fraction</c> 1), not for its first rows.
    /// </summary>
    private async IAsyncEnumerable<List<(Guid EnterpriseId, ProfileMetrics Metrics)>> ReadMetricsAsync(
        NpgsqlConnection connection,
        IReadOnlyCollection<string>? usccs,
        DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month0 = new DateOnly(today.Year, today.Month, 1);
        object[] parameters =
        [
            month0,
            month0.AddMonths(-6),
            month0.AddMonths(-12),
            month0.AddMonths(-24),
            today.AddMonths(-36),
            today.AddMonths(-60),
            today,
            options.Value.PublicityMonths,
        ];
        if (usccs is not null)
        {
            await using var command = Sql.Command(connection, SomeFirmsMetricsSql, parameters);
            command.Parameters.Add(
                new() { Value = usccs.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }
            );
            command.CommandTimeout = 0;
            yield return await ReadChunkAsync(command, today, ct);
            yield break;
        }
        await Sql.ExecuteAsync(connection, "SET LOCAL cursor_tuple_fraction = 1", ct);
        await Sql.ExecuteAsync(
            connection,
            "DECLARE profile_metrics NO SCROLL CURSOR FOR\n" + AllFirmsMetricsSql,
            ct,
            parameters
        );
        while (true)
        {
            await using var fetch = Sql.Command(connection, $"FETCH {PassChunk} FROM profile_metrics");
            fetch.CommandTimeout = 0; // the first fetch runs the aggregate over every firm's records
            var chunk = await ReadChunkAsync(fetch, today, ct);
            if (chunk.Count == 0)
                break;
            yield return chunk;
        }
        await Sql.ExecuteAsync(connection, "CLOSE profile_metrics", ct);
    }

    private static async Task<List<(Guid EnterpriseId, ProfileMetrics Metrics)>> ReadChunkAsync(
        NpgsqlCommand command,
        DateOnly today,
        CancellationToken ct
    )
    {
        var result = new List<(Guid, ProfileMetrics)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            decimal? Dec(int i) => reader.IsDBNull(i) ? null : reader.GetDecimal(i);
            int? Int(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            var established = reader.GetFieldValue<DateOnly>(2);
            result.Add(
                (
                    reader.GetGuid(0),
                    new ProfileMetrics
                    {
                        Uscc = reader.GetString(1).Trim(),
                        YearsInOperation = Math.Max(0, (today.DayNumber - established.DayNumber) / 365.25),
                        RegisteredCapital = reader.GetDecimal(3),
                        TaxMonths = (int)reader.GetInt64(4),
                        TaxPaidLast12Months = Dec(5),
                        TaxableRevenueLast12Months = Dec(6),
                        RevenueTrend = Ratio(Dec(7), Dec(8)),
                        TaxArrears = reader.GetDecimal(9),
                        SocialSecurityMonths = (int)reader.GetInt64(10),
                        InsuredEmployeesLatest = Int(11),
                        InsuredEmployeesTrend = Ratio(Int(11), Int(12)),
                        SocialSecurityArrears = reader.GetDecimal(13),
                        UtilityMonths = (int)reader.GetInt64(14),
                        ElectricityTrend = Ratio(Dec(15), Dec(16)),
                        UtilityOverdue = reader.GetDecimal(17),
                        MinorPenaltiesLast36Months = (int)reader.GetInt64(18),
                        GeneralPenaltiesLast36Months = (int)reader.GetInt64(19),
                        SeriousPenaltiesLast36Months = (int)reader.GetInt64(20),
                        OpenEnforcementCases = (int)reader.GetInt64(21),
                        OpenDishonestDebtorRecords = (int)reader.GetInt64(22),
                        LoanDefaultsLast60Months = (int)reader.GetInt64(23),
                        HousingFundMonths = (int)reader.GetInt64(24),
                        HousingFundContributorsLatest = Int(25),
                        HousingFundArrears = reader.GetDecimal(26),
                        ValidIntellectualProperty = (double)reader.GetDecimal(27),
                        HonourPoints = (int)reader.GetInt64(28),
                        ALevelTaxpayer = reader.GetBoolean(29),
                        PoorTaxCreditRating = (reader.IsDBNull(30) ? null : reader.GetString(30)) switch
                        {
                            "D" => 2,
                            "C" => 1,
                            _ => 0,
                        },
                        OpenSeizures = (int)reader.GetInt64(31),
                        RegistrationStatus = reader.IsDBNull(32) ? null : reader.GetString(32),
                        OpenAbnormalListings = (int)reader.GetInt64(33),
                        OpenSeriousViolationListings = (int)reader.GetInt64(34),
                    }
                )
            );
        }
        return result;
    }

    private static double? Ratio(decimal? recent, decimal? earlier) =>
        recent is { } r && earlier is { } e && e > 0 ? (double)(r / e) : null;

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Rebuilt {Count} credit profiles in {Milliseconds} ms (metrics {MetricsMilliseconds} ms, scoring and copy {ScoringMilliseconds} ms)"
    )]
    private static partial void LogRebuilt(
        ILogger logger,
        int count,
        long milliseconds,
        long metricsMilliseconds,
        long scoringMilliseconds
    );
}

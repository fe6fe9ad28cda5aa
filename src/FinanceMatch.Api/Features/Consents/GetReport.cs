using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Consents;
using Mediator;
using Npgsql;
using DomainConsentPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainConsentScope = FinanceMatch.Core.Consents.ConsentScope;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// A bank reads a firm's report under a consent in force for the purpose it asks (loanAssessment by default), or an
/// operator reads it for supervision. The consent is checked, the access appended to the firm's hash chain and the report
/// read in one transaction sent in one round trip (<see cref="Batch"/>): the statements that read the report read only
/// the scopes named by the access record written before them, so a read that is not recorded reads nothing, and the
/// report is returned only after the COMMIT behind them succeeded. The transaction is READ COMMITTED so that the chain
/// head it locks is the latest (a snapshot transaction would fail on a head another read just moved); the firm's records
/// change only through batches, which the profile lags anyway. A revocation is in force for every read that starts after
/// it commits.
/// </summary>
public static class GetReport
{
    private static readonly string BankRecordSql = Sql.WithOptionalLines("Consents.RecordReportRead", "bank");

    private static readonly string BankConsentRecordSql = Sql.WithOptionalLines(
        "Consents.RecordReportRead",
        "bank",
        "consent"
    );

    private static readonly string OperatorRecordSql = Sql.WithOptionalLines("Consents.RecordReportRead", "operator");

    private static readonly string ProfileSql = Sql.Load("Consents.ReportProfile");

    public sealed record Query(Caller Caller, Guid EnterpriseId, Guid? ConsentId, DomainConsentPurpose Purpose)
        : IRequest<ReportDto>;

    public sealed class Handler(
        NpgsqlDataSource dataSource,
        TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<Profiles.ProfileOptions> publicity
    ) : IRequestHandler<Query, ReportDto>
    {
        public async ValueTask<ReportDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var now = clock.GetUtcNow();
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var batch = Batch(query, Guid.CreateVersion7(now), now);
            batch.Connection = connection;
            await using var reader = await batch.ExecuteReaderAsync(ct);

            // The reader stands on the chain lock's row; the check and the append come next. Only a verified
            // registration is the firm: a consent an unproven claim once gave opens nothing. The feeds the firm disputes
            // come with it: the profile's factors computed from them are shown as disputed.
            await reader.NextResultAsync(ct);
            if (!await reader.ReadAsync(ct))
                throw new NotFoundException("No enterprise has this id.");
            if (reader.IsDBNull(3))
                throw new ForbiddenException(
                    $"This institution holds no consent in force from this enterprise for {Wire(query.Purpose)}."
                );
            var uscc = reader.GetString(0);
            var disputed = reader.GetFieldValue<string[]>(1);
            Guid? consentId = reader.IsDBNull(2) ? null : reader.GetGuid(2);
            var scopes = reader.GetFieldValue<string[]>(3).Select(Enum.Parse<DomainConsentScope>).ToHashSet();

            await reader.NextResultAsync(ct);
            ProfileDto? profile = null;
            if (scopes.Contains(DomainConsentScope.Profile) && await reader.ReadAsync(ct))
                profile = Profiles.ProfileAccess.ToDto(
                    StoredProfile(reader),
                    disputed.Select(Enum.Parse<Core.Feeds.FeedType>).ToHashSet()
                );
            var records = await ReportRecords.ReadAsync(
                reader,
                scopes,
                DateOnly.FromDateTime(now.UtcDateTime),
                publicity.Value,
                ct
            );
            // Past the last result set comes the COMMIT, which a failure would throw from here: the report leaves only
            // once its access record is committed.
            await reader.NextResultAsync(ct);
            Telemetry.ReportReads.Add(
                1,
                new KeyValuePair<string, object?>("reader", query.Caller.Is(DomainRole.Operator) ? "operator" : "bank")
            );
            return new ReportDto(query.EnterpriseId, uscc.Trim(), consentId, now, profile, records);
        }

        private static Core.Profiles.CreditProfile StoredProfile(NpgsqlDataReader r) =>
            new()
            {
                EnterpriseId = r.GetGuid(0),
                Uscc = r.GetString(1),
                Rated = r.GetBoolean(2),
                Score = r.IsDBNull(3) ? null : r.GetInt32(3),
                Grade = r.IsDBNull(4) ? null : r.GetString(4),
                ModelVersion = r.GetString(5),
                ComputedAt = r.GetFieldValue<DateTimeOffset>(6),
                TaxMonths = r.GetInt32(7),
                SocialSecurityMonths = r.GetInt32(8),
                UtilityMonths = r.GetInt32(9),
                Dimensions = r.GetString(10),
                Factors = r.GetString(11),
                Metrics = r.GetString(12),
                Caps = r.GetFieldValue<string[]>(13),
                DishonestDebtor = r.GetBoolean(14),
                SeriousPenaltyLast36Months = r.GetBoolean(15),
                TaxArrears = r.GetBoolean(16),
                SocialSecurityArrears = r.GetBoolean(17),
                UtilityOverdue = r.GetBoolean(18),
                RegistrationAbnormal = r.GetBoolean(19),
                OpenSeizure = r.GetBoolean(20),
            };

        private static string Wire(DomainConsentPurpose purpose) =>
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(purpose.ToString());
    }

    /// <summary>
    /// The whole read, sent in one round trip: BEGIN (READ COMMITTED), the firm's chain lock, the consent check and the
    /// append in one statement (<c>Sql/RecordReportRead.sql</c>), the profile (<c>Sql/ReportProfile.sql</c>), every feed's
    /// records, COMMIT. A statement that fails leaves the transaction failed and the rest unrun; the connection's return
    /// to the pool rolls it back. The pgbench floor (<c>benchmarks/report-floor.pgbench</c>) runs these very statements.
    /// </summary>
    public static NpgsqlBatch Batch(Query query, Guid accessId, DateTimeOffset now)
    {
        var batch = new NpgsqlBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
        batch.BatchCommands.Add(ReportAccessLog.Lock(query.EnterpriseId));
        batch.BatchCommands.Add(Record(query, accessId, now));
        batch.BatchCommands.Add(Sql.BatchCommand(ProfileSql, accessId));
        ReportRecords.AddStatements(batch, accessId, DateOnly.FromDateTime(now.UtcDateTime));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        return batch;
    }

    /// <summary>The check and the append, with the parameters <c>Sql/RecordReportRead.sql</c> lists for the caller.</summary>
    private static NpgsqlBatchCommand Record(Query query, Guid accessId, DateTimeOffset now)
    {
        if (query.Caller.Is(DomainRole.Operator))
            return Sql.BatchCommand(
                OperatorRecordSql,
                accessId,
                query.EnterpriseId,
                now,
                ReportAccessLog.CanonicalHead(accessId, now, AccessActor.Operator, null),
                AccessChain.Genesis,
                ReportAccessLog.ScopeNames,
                ReportAccessLog.ScopeWireNames,
                query.Caller.RequiredClientId
            );
        var institutionId = query.Caller.SubjectId;
        var command = Sql.BatchCommand(
            query.ConsentId is null ? BankRecordSql : BankConsentRecordSql,
            accessId,
            query.EnterpriseId,
            now,
            ReportAccessLog.CanonicalHead(accessId, now, AccessActor.Bank, institutionId),
            AccessChain.Genesis,
            ReportAccessLog.ScopeNames,
            ReportAccessLog.ScopeWireNames,
            institutionId,
            query.Purpose.ToString(),
            ReportAccessLog.Wire(query.Purpose),
            ConsentCoverage.MatchStatuses,
            ConsentCoverage.GuarantorStatuses
        );
        if (query.ConsentId is { } consentId)
            command.Parameters.Add(new NpgsqlParameter { Value = consentId });
        return command;
    }

    internal static async Task<ReportDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        Guid? consentId = null,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.ConsentPurpose))] string? purpose = null
    ) =>
        await sender.Send(
            new Query(
                caller,
                id,
                consentId,
                EnumText.ParseOptional<DomainConsentPurpose>(purpose, "purpose") ?? DomainConsentPurpose.LoanAssessment
            ),
            ct
        );
}

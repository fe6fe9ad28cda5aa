using System.Data;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Consents;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainConsentPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainConsentScope = FinanceMatch.Core.Consents.ConsentScope;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// A bank reads a firm's report under a consent in force for the purpose it asks (loanAssessment by default), or an
/// operator reads it for supervision. The consent is checked, the report read and the access appended to the firm's
/// hash chain in one transaction: a read that is not recorded is not returned, and nothing is recorded that was not read.
/// The transaction is READ COMMITTED so that the chain head it locks is the latest (a snapshot transaction would fail
/// on a head another read just moved); the firm's records change only through batches, which the profile lags anyway.
/// A revocation is in force for every read that starts after it commits.
/// </summary>
public static class GetReport
{
    public sealed record Query(Caller Caller, Guid EnterpriseId, Guid? ConsentId, DomainConsentPurpose Purpose)
        : IRequest<ReportDto>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<Profiles.ProfileOptions> publicity
    ) : IRequestHandler<Query, ReportDto>
    {
        private static readonly DomainConsentScope[] EveryScope = Enum.GetValues<DomainConsentScope>();

        public async ValueTask<ReportDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var now = clock.GetUtcNow();
            var isOperator = query.Caller.Is(DomainRole.Operator);
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();

            // Only a verified registration is the firm: a consent an unproven claim once gave opens nothing. The feeds the firm
            // disputes now come in the same statement: the profile's factors computed from them are shown as disputed.
            var (uscc, disputed) =
                await FirmAsync(connection, query.EnterpriseId, ct)
                ?? throw new NotFoundException("No enterprise has this id.");
            var access = new ReportAccess
            {
                Id = Guid.CreateVersion7(now),
                EnterpriseId = query.EnterpriseId,
                AccessedAt = now,
            };
            if (isOperator)
            {
                (access.ActorRole, access.OperatorClientId, access.Scopes) = (
                    AccessActor.Operator,
                    query.Caller.RequiredClientId,
                    [.. EveryScope]
                );
            }
            else
            {
                var institutionId = query.Caller.SubjectId;
                var consent =
                    await InForceConsentAsync(connection, query, institutionId, now, ct)
                    ?? throw new ForbiddenException(
                        $"This institution holds no consent in force from this enterprise for {Wire(query.Purpose)}."
                    );
                (access.ActorRole, access.InstitutionId, access.ConsentId, access.Scopes, access.Purpose) = (
                    AccessActor.Bank,
                    institutionId,
                    consent.Id,
                    consent.Scopes,
                    query.Purpose
                );
            }
            var scopes = access.Scopes.ToHashSet();

            ProfileDto? profile = null;
            if (scopes.Contains(DomainConsentScope.Profile))
            {
                var stored = await db
                    .CreditProfiles.AsNoTracking()
                    .SingleOrDefaultAsync(p => p.EnterpriseId == query.EnterpriseId, ct);
                profile = stored is null ? null : Profiles.ProfileAccess.ToDto(stored, disputed);
            }
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var since = new DateOnly(today.Year, today.Month, 1).AddMonths(-24);
            var records = new ReportRecordsDto(
                scopes.Contains(DomainConsentScope.Tax)
                    ? await ReportRecords.TaxAsync(connection, uscc, since, ct)
                    : null,
                scopes.Contains(DomainConsentScope.SocialSecurity)
                    ? await ReportRecords.SocialSecurityAsync(connection, uscc, since, ct)
                    : null,
                scopes.Contains(DomainConsentScope.Utility)
                    ? await ReportRecords.UtilityAsync(connection, uscc, since, ct)
                    : null,
                scopes.Contains(DomainConsentScope.Penalty)
                    ? await ReportRecords.PenaltiesAsync(
                        connection,
                        uscc,
                        today.AddMonths(-24),
                        today,
                        publicity.Value,
                        ct
                    )
                    : null,
                scopes.Contains(DomainConsentScope.Judicial)
                    ? await ReportRecords.JudicialAsync(connection, uscc, today.AddMonths(-24), ct)
                    : null,
                scopes.Contains(DomainConsentScope.HousingFund)
                    ? await ReportRecords.HousingFundAsync(connection, uscc, since, ct)
                    : null,
                scopes.Contains(DomainConsentScope.IntellectualProperty)
                    ? await ReportRecords.IntellectualPropertyAsync(connection, uscc, since, ct)
                    : null,
                scopes.Contains(DomainConsentScope.RealEstate)
                    ? await ReportRecords.RealEstateAsync(connection, uscc, today.AddMonths(-24), ct)
                    : null,
                scopes.Contains(DomainConsentScope.Honour)
                    ? await ReportRecords.HonoursAsync(connection, uscc, today.AddMonths(-24), ct)
                    : null,
                scopes.Contains(DomainConsentScope.Registration)
                    ? await ReportRecords.RegistrationAsync(connection, uscc, today.AddMonths(-24), ct)
                    : null
            );

            await ReportAccessLog.AppendAsync(connection, access, ct);
            await transaction.CommitAsync(ct);
            Telemetry.ReportReads.Add(1, new KeyValuePair<string, object?>("reader", isOperator ? "operator" : "bank"));
            return new ReportDto(query.EnterpriseId, uscc.Trim(), access.ConsentId, now, profile, records);
        }

        private sealed record InForce(Guid Id, List<DomainConsentScope> Scopes);

        private static async Task<(string Uscc, IReadOnlySet<Core.Feeds.FeedType> Disputed)?> FirmAsync(
            NpgsqlConnection connection,
            Guid enterpriseId,
            CancellationToken ct
        )
        {
            await using var select = Sql.Command(
                connection,
                """
                SELECT e.uscc, ARRAY(SELECT DISTINCT o.feed_type FROM financematch.objections o WHERE o.enterprise_id = e.id AND o.status = 'Open')
                FROM financematch.enterprises e WHERE e.id = $1 AND e.verification = 'Verified'
                """,
                enterpriseId
            );
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return null;
            return (
                reader.GetString(0),
                reader.GetFieldValue<string[]>(1).Select(Enum.Parse<Core.Feeds.FeedType>).ToHashSet()
            );
        }

        /// <summary>The widest consent in force for this institution and purpose (or the one asked for).</summary>
        private static async Task<InForce?> InForceConsentAsync(
            NpgsqlConnection connection,
            Query query,
            Guid institutionId,
            DateTimeOffset now,
            CancellationToken ct
        )
        {
            await using var select = Sql.Command(
                connection,
                $"""
                SELECT c.id, c.scopes FROM financematch.consents c
                WHERE c.enterprise_id = $1 AND c.purpose = $4 AND {ConsentCoverage.InForceFor("$2", "$3")}
                {(query.ConsentId is null ? "" : "AND c.id = $5")}
                ORDER BY cardinality(c.scopes) DESC, c.created_at DESC LIMIT 1
                """,
                query.EnterpriseId,
                institutionId,
                now,
                query.Purpose.ToString()
            );
            if (query.ConsentId is { } consentId)
                select.Parameters.Add(new() { Value = consentId });
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return null;
            return new InForce(
                reader.GetGuid(0),
                reader.GetFieldValue<string[]>(1).Select(Enum.Parse<DomainConsentScope>).ToList()
            );
        }

        private static string Wire(DomainConsentPurpose purpose) =>
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(purpose.ToString());
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

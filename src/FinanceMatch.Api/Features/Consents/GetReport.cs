using System.Data;
using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainPurpose = FinanceMatch.Core.Consents.ConsentPurpose;
using DomainScope = FinanceMatch.Core.Consents.ConsentScope;

namespace FinanceMatch.Api.Features.Consents;

/// <summary>
/// A bank reads a firm's report under a consent in force. The consent is checked, the report read and the access recorded
/// in one snapshot transaction: a read that is not recorded is not returned, and nothing is recorded that was not read.
/// A revocation is in force for every read that starts after it commits; a read already running when it commits
/// finishes under the consent it started with (locking the consent row for that costs a WAL write per read).
/// </summary>
public static class GetReport
{
    public sealed record Query(ClaimsPrincipal Caller, Guid EnterpriseId, Guid? ConsentId) : IRequest<ReportDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, ReportDto>
    {
        public async ValueTask<ReportDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var institutionId = query.Caller.SubjectId();
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();

            // Only a verified registration is the firm: a consent an unproven claim once gave opens nothing.
            var uscc = await db.Enterprises.Where(e => e.Id == query.EnterpriseId && e.Verification == Core.Enterprises.EnterpriseVerification.Verified)
                .Select(e => e.Uscc).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("No enterprise has this id.");
            var consent = await InForceConsentAsync(connection, query, institutionId, now, ct)
                ?? throw new ForbiddenException("This institution holds no consent in force from this enterprise.");
            var scopes = consent.Scopes.ToHashSet();

            ProfileDto? profile = null;
            if (scopes.Contains(DomainScope.Profile))
            {
                var stored = await db.CreditProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.EnterpriseId == query.EnterpriseId, ct);
                profile = stored is null ? null : Profiles.GetProfile.ToDto(stored);
            }
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var since = new DateOnly(today.Year, today.Month, 1).AddMonths(-24);
            var records = new ReportRecordsDto(
                scopes.Contains(DomainScope.Tax) ? await ReportRecords.TaxAsync(connection, uscc, since, ct) : null,
                scopes.Contains(DomainScope.SocialSecurity) ? await ReportRecords.SocialSecurityAsync(connection, uscc, since, ct) : null,
                scopes.Contains(DomainScope.Utility) ? await ReportRecords.UtilityAsync(connection, uscc, since, ct) : null,
                scopes.Contains(DomainScope.Penalty) ? await ReportRecords.PenaltiesAsync(connection, uscc, today.AddMonths(-24), ct) : null,
                scopes.Contains(DomainScope.Judicial) ? await ReportRecords.JudicialAsync(connection, uscc, today.AddMonths(-24), ct) : null);

            await using (var record = new NpgsqlCommand(
                """
                INSERT INTO financematch.report_accesses (id, enterprise_id, institution_id, consent_id, scopes, purpose, accessed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, connection))
            {
                record.Parameters.Add(new() { Value = Guid.CreateVersion7(now) });
                record.Parameters.Add(new() { Value = query.EnterpriseId });
                record.Parameters.Add(new() { Value = institutionId });
                record.Parameters.Add(new() { Value = consent.Id });
                record.Parameters.Add(new() { Value = consent.Scopes.Select(s => s.ToString()).ToArray() });
                record.Parameters.Add(new() { Value = consent.Purpose.ToString() });
                record.Parameters.Add(new() { Value = now });
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            return new ReportDto(query.EnterpriseId, uscc.Trim(), consent.Id, now, profile, records);
        }

        private sealed record InForce(Guid Id, List<DomainScope> Scopes, DomainPurpose Purpose);

        /// <summary>The widest consent in force for this institution (or the one asked for).</summary>
        private static async Task<InForce?> InForceConsentAsync(NpgsqlConnection connection, Query query, Guid institutionId, DateTimeOffset now,
            CancellationToken ct)
        {
            await using var select = new NpgsqlCommand(
                $"""
                 SELECT c.id, c.scopes, c.purpose FROM financematch.consents c
                 WHERE c.enterprise_id = $1 AND {ConsentCoverage.InForceFor("$2", "$3")}
                 {(query.ConsentId is null ? "" : "AND c.id = $4")}
                 ORDER BY cardinality(c.scopes) DESC, c.created_at DESC LIMIT 1
                 """, connection);
            select.Parameters.Add(new() { Value = query.EnterpriseId });
            select.Parameters.Add(new() { Value = institutionId });
            select.Parameters.Add(new() { Value = now });
            if (query.ConsentId is { } consentId) select.Parameters.Add(new() { Value = consentId });
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            return new InForce(reader.GetGuid(0), reader.GetFieldValue<string[]>(1).Select(Enum.Parse<DomainScope>).ToList(),
                Enum.Parse<DomainPurpose>(reader.GetString(2)));
        }
    }

    internal static async Task<ReportDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct, Guid? consentId = null) =>
        await sender.Send(new Query(user, id, consentId), ct);
}

public static class ListReportAccesses
{
    public sealed record Query(ClaimsPrincipal Caller, Guid EnterpriseId, int Page, int PageSize) : IRequest<Paged<ReportAccessDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<ReportAccessDto>>
    {
        public async ValueTask<Paged<ReportAccessDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            ConsentMapping.EnsureFirmOrOperator(query.Caller, query.EnterpriseId, write: false);
            return await db.ReportAccesses.AsNoTracking().Where(a => a.EnterpriseId == query.EnterpriseId)
                .OrderByDescending(a => a.AccessedAt).ThenByDescending(a => a.Id)
                .ToPageAsync(db, query, a => new ReportAccessDto(a.Id, a.InstitutionId, a.ConsentId,
                    a.Scopes.Select(s => s.Map<ConsentScope>()).ToList(), a.Purpose.Map<ConsentPurpose>(), a.AccessedAt), cancellationToken);
        }
    }

    internal static async Task<Paged<ReportAccessDto>> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, id, page, pageSize), ct);
}

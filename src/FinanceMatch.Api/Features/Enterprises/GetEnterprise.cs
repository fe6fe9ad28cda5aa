using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Enterprises;
using FinanceMatch.Core.Feeds;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Enterprises;

public static class GetEnterprise
{
    public sealed record Query(Guid Id, Caller Caller) : IRequest<EnterpriseDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, EnterpriseDto>
    {
        private static readonly string BankHoldsConsentSql =
            $"SELECT EXISTS (SELECT 1 FROM financematch.consents c WHERE c.enterprise_id = {{0}} AND {Consents.ConsentCoverage.InForceFor("{1}", "{2}")}) AS \"Value\"";

        public async ValueTask<EnterpriseDto> Handle(Query query, CancellationToken ct)
        {
            // Banks see a firm only under a consent of the firm's that is in force; without one the firm does not exist for them.
            var visible =
                query.Caller.Is(DomainRole.Operator)
                || query.Caller.IsParty(DomainRole.Enterprise, query.Id)
                || await BankHoldsConsentAsync(query, ct);
            var enterprise = visible
                ? await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, ct)
                : null;
            if (enterprise is null)
                throw new NotFoundException("No enterprise has this id.");
            // A bank reads the regulator's record under the registration scope of a report, not here: it sees what the firm typed.
            var registered = query.Caller.Is(DomainRole.Bank) ? null : await RegisteredAsync(db, enterprise, ct);
            return ToDto(enterprise, query.Caller, registered);
        }

        private async Task<bool> BankHoldsConsentAsync(Query query, CancellationToken ct)
        {
            if (!query.Caller.Is(DomainRole.Bank))
                return false;
            var institutionId = query.Caller.SubjectId;
            var now = clock.GetUtcNow();
            return await db
                .Database.SqlQueryRaw<bool>(BankHoldsConsentSql, query.Id, institutionId, now)
                .SingleAsync(ct);
        }
    }

    /// <summary>
    /// Who decided a verification is for operators to see; the firm sees its own decision, note included. The market
    /// regulator's facts (<paramref name="registered"/>, its registration record) replace the typed ones of a verified
    /// firm only: a claimant who has proved nothing learns nothing from the regulator's record of the USCC it typed.
    /// </summary>
    internal static EnterpriseDto ToDto(Enterprise e, Caller? caller, RegistrationRecord? registered = null)
    {
        var regulator = e.IsVerified ? registered : null;
        return new(
            e.Id,
            e.Uscc,
            regulator?.Name ?? e.Name,
            regulator?.LegalRepresentative ?? e.LegalRepresentative,
            e.DivisionCode,
            e.IndustryCode,
            regulator?.EstablishedOn ?? e.EstablishedOn,
            regulator?.RegisteredCapital ?? e.RegisteredCapital,
            e.Employees,
            e.RegisteredAt,
            e.Verification.Map<Client.Contracts.EnterpriseVerification>(),
            e.VerifiedAt,
            e.VerificationMethod?.Map<Client.Contracts.VerificationMethod>(),
            e.VerificationDecidedAt,
            caller is not null && (caller.Is(DomainRole.Operator) || caller.IsParty(DomainRole.Enterprise, e.Id))
                ? e.VerificationNote
                : null,
            caller?.Is(DomainRole.Operator) == true ? e.VerificationDecidedBy : null,
            regulator is null ? "declared" : "marketRegulator",
            regulator?.Status,
            new DeclaredFactsDto(e.Name, e.LegalRepresentative, e.EstablishedOn, e.RegisteredCapital)
        );
    }

    /// <summary>The market regulator's registration record of a verified firm (none for a claim not yet proved).</summary>
    internal static async Task<RegistrationRecord?> RegisteredAsync(
        FinanceMatchDbContext db,
        Enterprise e,
        CancellationToken ct
    ) =>
        e.IsVerified
            ? await db
                .RegistrationRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Uscc == e.Uscc && r.EntryId == "", ct)
            : null;

    internal static async Task<EnterpriseDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}

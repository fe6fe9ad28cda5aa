using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Enterprises;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Enterprises;

public static class GetEnterprise
{
    public sealed record Query(Guid Id, ClaimsPrincipal Caller) : IRequest<EnterpriseDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, EnterpriseDto>
    {
        private static readonly string BankHoldsConsentSql =
            $"SELECT EXISTS (SELECT 1 FROM financematch.consents c WHERE c.enterprise_id = {{0}} AND {Consents.ConsentCoverage.InForceFor("{1}", "{2}")}) AS \"Value\"";

        public async ValueTask<EnterpriseDto> Handle(Query query, CancellationToken ct)
        {
            // Banks see a firm only under a consent of the firm's that is in force; without one the firm does not exist for them.
            var visible = query.Caller.Is(Role.Operator) || query.Caller.IsParty(Role.Enterprise, query.Id) || await BankHoldsConsentAsync(query, ct);
            var enterprise = visible ? await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, ct) : null;
            return ToDto(enterprise ?? throw new NotFoundException("No enterprise has this id."));
        }

        private async Task<bool> BankHoldsConsentAsync(Query query, CancellationToken ct)
        {
            if (!query.Caller.Is(Role.Bank)) return false;
            var institutionId = query.Caller.SubjectId();
            var now = clock.GetUtcNow();
            return await db.Database.SqlQueryRaw<bool>(BankHoldsConsentSql, query.Id, institutionId, now).SingleAsync(ct);
        }
    }

    internal static EnterpriseDto ToDto(Enterprise e) =>
        new(e.Id, e.Uscc, e.Name, e.LegalRepresentative, e.DivisionCode, e.IndustryCode, e.EstablishedOn,
            e.RegisteredCapital, e.Employees, e.RegisteredAt);

    internal static async Task<EnterpriseDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

public static class ListEnterprises
{
    public sealed record Query(string? Uscc, int Page, int PageSize) : IRequest<Paged<EnterpriseDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.Uscc).MaximumLength(18)
                .Must(u => u is null || u.Trim().All(char.IsAsciiLetterOrDigit)).WithMessage("uscc is 18 letters and digits.");
        }
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<EnterpriseDto>>
    {
        public async ValueTask<Paged<EnterpriseDto>> Handle(Query query, CancellationToken ct)
        {
            var enterprises = db.Enterprises.AsNoTracking();
            if (!string.IsNullOrEmpty(query.Uscc)) {
                var uscc = query.Uscc.Trim().ToUpperInvariant();
                enterprises = enterprises.Where(e => e.Uscc == uscc);
            }
            return await enterprises.OrderBy(e => e.RegisteredAt).ThenBy(e => e.Id).ToPageAsync(db, query, GetEnterprise.ToDto, ct);
        }
    }

    internal static async Task<Paged<EnterpriseDto>> Endpoint(ISender sender, CancellationToken ct, string? uscc = null,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(uscc, page, pageSize), ct);
}

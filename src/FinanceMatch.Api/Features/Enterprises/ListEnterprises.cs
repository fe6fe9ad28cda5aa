using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainEnterpriseVerification = FinanceMatch.Core.Enterprises.EnterpriseVerification;

namespace FinanceMatch.Api.Features.Enterprises;

/// <summary>Registered firms for operators, by USCC or verification; <c>verification=pending</c> is the review queue, oldest first.</summary>
public static class ListEnterprises
{
    public sealed record Query(
        Caller Caller,
        string? Uscc,
        DomainEnterpriseVerification? Verification,
        int Page,
        int PageSize
    ) : IRequest<Paged<EnterpriseDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.Uscc)
                .MaximumLength(18)
                .Must(u => u is null || u.Trim().All(char.IsAsciiLetterOrDigit))
                .WithMessage("uscc is 18 letters and digits.");
        }
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<EnterpriseDto>>
    {
        public async ValueTask<Paged<EnterpriseDto>> Handle(Query query, CancellationToken ct)
        {
            var enterprises = db.Enterprises.AsNoTracking();
            if (!string.IsNullOrEmpty(query.Uscc))
            {
                var uscc = query.Uscc.Trim().ToUpperInvariant();
                enterprises = enterprises.Where(e => e.Uscc == uscc);
            }
            if (query.Verification is { } verification)
                enterprises = enterprises.Where(e => e.Verification == verification);
            return await (
                from e in enterprises
                join r in db.RegistrationRecords.Where(r => r.EntryId == "") on e.Uscc equals r.Uscc into registered
                from r in registered.DefaultIfEmpty()
                orderby e.RegisteredAt, e.Id
                select new { Enterprise = e, Registered = r }
            ).ToPageAsync(db, query, row => GetEnterprise.ToDto(row.Enterprise, query.Caller, row.Registered), ct);
        }
    }

    internal static async Task<Paged<EnterpriseDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        string? uscc = null,
        [System.ComponentModel.Description("Only firms whose registration is in this verification state.")]
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.EnterpriseVerification))]
            string? verification = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(
                caller,
                uscc,
                EnumText.ParseOptional<DomainEnterpriseVerification>(verification, "verification"),
                page,
                pageSize
            ),
            ct
        );
}

using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainGuaranteeType = FinanceMatch.Core.Products.GuaranteeType;
using DomainLoanAsk = FinanceMatch.Core.Matching.LoanAsk;
using DomainProfileMetrics = FinanceMatch.Core.Profiles.ProfileMetrics;
using DomainRole = FinanceMatch.Core.Identity.Role;
using DomainScoringModel = FinanceMatch.Core.Profiles.ScoringModel;
using DomainWhatIfChanges = FinanceMatch.Core.Profiles.WhatIfChanges;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// The what-if simulator (the firm only): the firm's metrics as its last rebuild stored them, with the inputs it changes
/// (tax paid, taxable revenue, insured employees, arrears cleared), scored by the published model, factor by factor,
/// beside its score under that model now. The scorecard is public and monotone, so this is exactly what a rebuild would
/// give with such data. With an ask, the matching engine says which products (each bank's best) match now and would then.
/// Nothing is written and nothing leaves the firm: it reads its own data.
/// </summary>
public static class SimulateProfile
{
    public sealed record Command(Caller Caller, Guid EnterpriseId, ProfileWhatIfBody Body) : IRequest<ProfileWhatIfDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<ProfileWhatIfBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.TaxPaidLast12Months!.Value)
                .MustBeMoney()
                .GreaterThanOrEqualTo(0)
                .OverridePropertyName("taxPaidLast12Months")
                .When(b => b.TaxPaidLast12Months is not null);
            RuleFor(b => b.TaxableRevenueLast12Months!.Value)
                .MustBeMoney()
                .GreaterThanOrEqualTo(0)
                .OverridePropertyName("taxableRevenueLast12Months")
                .When(b => b.TaxableRevenueLast12Months is not null);
            RuleFor(b => b.InsuredEmployeesLatest).InclusiveBetween(0, 1_000_000);
            When(
                b => b.Ask is not null,
                () =>
                {
                    RuleFor(b => b.Ask!.Amount).MustBeMoney().GreaterThan(0).OverridePropertyName("ask.amount");
                    RuleFor(b => b.Ask!.TermMonths).InclusiveBetween(1, 360).OverridePropertyName("ask.termMonths");
                    RuleFor(b => b.Ask!.GuaranteeTypes)
                        .NotEmpty()
                        .OverridePropertyName("ask.guaranteeTypes")
                        .WithMessage("Name at least one guarantee type the firm can offer.");
                    RuleForEach(b => b.Ask!.GuaranteeTypes).IsInEnum().OverridePropertyName("ask.guaranteeTypes");
                }
            );
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, MatchingEngine engine)
        : IRequestHandler<Command, ProfileWhatIfDto>
    {
        public async ValueTask<ProfileWhatIfDto> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!command.Caller.IsParty(DomainRole.Enterprise, command.EnterpriseId))
                throw new NotFoundException("No profile for this enterprise id.");
            var profile = await ProfileAccess.VisibleProfileAsync(
                db,
                command.EnterpriseId,
                command.Caller,
                cancellationToken
            );
            var body = command.Body;
            // The version that made the stored profile: what the next rebuild gives with such data, unless a switch-over intervenes.
            var model = DomainScoringModel.Find(profile.ModelVersion) ?? DomainScoringModel.Newest;
            var metrics = JsonSerializer.Deserialize<DomainProfileMetrics>(profile.Metrics, FinanceMatchJson.Options)!;
            var changed = new DomainWhatIfChanges(
                body.TaxPaidLast12Months,
                body.TaxableRevenueLast12Months,
                body.InsuredEmployeesLatest,
                body.ClearArrears
            ).Apply(metrics);
            var now = model.Score(metrics);
            var then = model.Score(changed);
            var thenFactors = then.Factors.ToDictionary(f => f.Code);
            var factors = now
                .Factors.Select(f => new WhatIfFactorDto(
                    f.Code,
                    f.Value,
                    f.Impact,
                    thenFactors.GetValueOrDefault(f.Code)?.Value,
                    thenFactors.GetValueOrDefault(f.Code)?.Impact ?? 0
                ))
                .ToList();
            IReadOnlyList<WhatIfProductDto>? productsNow = null,
                productsThen = null;
            if (body.Ask is { } asked)
            {
                var ask = new DomainLoanAsk(
                    asked.Amount,
                    asked.TermMonths,
                    [.. asked.GuaranteeTypes.Select(g => g.Map<DomainGuaranteeType>()).Distinct()],
                    null
                );
                var applicant = await engine.ApplicantAsync(command.EnterpriseId, cancellationToken);
                var nowApplicant = applicant with { Rated = now.Rated, Score = now.Score, Grade = now.Grade };
                var thenApplicant = applicant with
                {
                    Rated = then.Rated,
                    Score = then.Score,
                    Grade = then.Grade,
                    TaxPaidLast12Months = changed.TaxPaidLast12Months ?? 0,
                    InsuredEmployeesLatest = changed.InsuredEmployeesLatest,
                };
                productsNow = Products(await engine.BestProductOfEachBankAsync(ask, nowApplicant, cancellationToken));
                productsThen = Products(await engine.BestProductOfEachBankAsync(ask, thenApplicant, cancellationToken));
            }
            return new ProfileWhatIfDto(
                model.Version,
                now.Rated,
                now.Score,
                now.Grade,
                then.Rated,
                then.Score,
                then.Grade,
                factors,
                productsNow,
                productsThen
            );
        }

        private static List<WhatIfProductDto> Products(IEnumerable<ProductEvaluation> matching) =>
            [
                .. MatchingEngine
                    .Rank(matching, int.MaxValue)
                    .Select(e => new WhatIfProductDto(
                        e.Product.Id,
                        e.Product.Name,
                        e.Product.InstitutionId,
                        e.Fit.Total
                    )),
            ];
    }

    internal static async Task<ProfileWhatIfDto> Endpoint(
        Guid id,
        ProfileWhatIfBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

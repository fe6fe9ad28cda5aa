using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainConsent = FinanceMatch.Core.Consents.Consent;
using DomainLoanRequest = FinanceMatch.Core.LoanRequests.LoanRequest;

namespace FinanceMatch.Api.Features.LoanRequests;

/// <summary>
/// A firm posts a loan request together with the consent that will let the matched banks read its report; both are
/// written in one transaction and matching starts at once as a job. A firm applying to one product (<c>productId</c>)
/// is checked against that product's rules first, with the matching engine's own rules: a failed rule is 422 naming
/// it (and what would pass it), and nothing is written; the job then matches the request with that product alone.
/// </summary>
public static class SubmitLoanRequest
{
    public sealed record Command(Guid EnterpriseId, Client.Contracts.SubmitLoanRequestBody Body)
        : IRequest<LoanRequestDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator(clock));
    }

    public sealed class BodyValidator : AbstractValidator<Client.Contracts.SubmitLoanRequestBody>
    {
        public BodyValidator(TimeProvider clock)
        {
            RuleFor(r => r.Amount).MustBeMoney().GreaterThan(0);
            RuleFor(r => r.TermMonths).InclusiveBetween(1, 360);
            RuleFor(r => r.Purpose).NotEmpty().MaximumLength(1000);
            RuleFor(r => r.PurposeCategory).IsInEnum();
            RuleFor(r => r.GuaranteeTypes)
                .NotEmpty()
                .WithMessage("Name at least one guarantee type the firm can offer.");
            RuleForEach(r => r.GuaranteeTypes).IsInEnum();
            RuleFor(r => r.MaxAnnualRate!.Value)
                .MustBeRate()
                .OverridePropertyName("maxAnnualRate")
                .When(r => r.MaxAnnualRate is not null);
            RuleFor(r => r.Consent)
                .NotNull()
                .WithMessage("A loan request carries the consent that lets the matched banks read the report.");
            When(
                r => r.Consent is not null,
                () =>
                {
                    RuleFor(r => r.Consent.Scopes).NotEmpty().WithMessage("Name at least one scope.");
                    RuleForEach(r => r.Consent.Scopes).IsInEnum();
                    RuleFor(r => r.Consent.ExpiresAt)
                        .Must(e => e > clock.GetUtcNow() && e <= clock.GetUtcNow().AddDays(DomainConsent.MaxDays))
                        .WithMessage(
                            $"expiresAt must be in the future and at most {DomainConsent.MaxDays} days ahead."
                        );
                }
            );
        }
    }

    public sealed class Handler(
        FinanceMatchDbContext db,
        MatchingEngine engine,
        MatchingTrigger matching,
        TimeProvider clock
    ) : IRequestHandler<Command, LoanRequestDto>
    {
        public async ValueTask<LoanRequestDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var applicant =
                await db
                    .Enterprises.Where(e => e.Id == command.EnterpriseId)
                    .Select(e => new
                    {
                        Grade = db
                            .CreditProfiles.Where(p => p.EnterpriseId == e.Id)
                            .Select(p => p.Grade)
                            .FirstOrDefault(),
                    })
                    .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("No enterprise has this id.");
            var body = command.Body;
            if (body.ProductId is { } productId)
                await CheckChosenProductAsync(command.EnterpriseId, productId, body, cancellationToken);
            var now = clock.GetUtcNow();
            var requestId = Guid.CreateVersion7(now);
            var consent = DomainConsent.Grant(
                command.EnterpriseId,
                null,
                requestId,
                body.Consent.Scopes.Select(s => s.Map<Core.Consents.ConsentScope>()),
                Core.Consents.ConsentPurpose.LoanAssessment,
                body.Consent.ExpiresAt,
                now
            );
            var request = DomainLoanRequest.Submit(
                command.EnterpriseId,
                body.Amount,
                body.TermMonths,
                body.Purpose,
                body.GuaranteeTypes.Select(g => g.Map<Core.Products.GuaranteeType>()),
                body.MaxAnnualRate,
                applicant.Grade,
                consent.Id,
                requestId,
                now,
                body.ProductId,
                (body.PurposeCategory ?? PurposeCategory.Other).Map<Core.DemandHall.PurposeCategory>()
            );
            db.Consents.Add(consent);
            db.LoanRequests.Add(request);
            db.Entry(request).Property(Core.LoanRequests.LoanRequestTrace.Property).CurrentValue =
                Telemetry.CurrentTraceParent();
            await db.SaveChangesAsync(cancellationToken);
            // Not cancelled with the HTTP request: the request is committed. If the process dies before this line,
            // RematchStalledRequests finds the request within a minute.
            await matching.RequestAsync(CancellationToken.None);
            return request.ToDto([]);
        }

        /// <summary>The product the firm applies to: published (404 otherwise), and every one of its rules passing (422).</summary>
        private async Task CheckChosenProductAsync(
            Guid enterpriseId,
            Guid productId,
            Client.Contracts.SubmitLoanRequestBody body,
            CancellationToken cancellationToken
        )
        {
            var product =
                await db
                    .Products.AsNoTracking()
                    .SingleOrDefaultAsync(
                        p => p.Id == productId && p.Status == Core.Products.ProductStatus.Published,
                        cancellationToken
                    )
                ?? throw new NotFoundException("No published product has this id.");
            var ask = new Core.Matching.LoanAsk(
                body.Amount,
                body.TermMonths,
                [.. body.GuaranteeTypes.Select(g => g.Map<Core.Products.GuaranteeType>()).Distinct()],
                body.MaxAnnualRate
            );
            var evaluation = MatchingEngine.Evaluate(
                product,
                ask,
                await engine.ApplicantAsync(enterpriseId, cancellationToken)
            );
            if (!evaluation.Matches)
                throw new UnprocessableException(
                    $"The request does not pass {evaluation.Failed.Count} of the product's rules.",
                    evaluation.Failed.ToDictionary(
                        f => f.Rule,
                        f => new[] { $"The product requires {f.Required}; the request and the firm have {f.Actual}." }
                    )
                );
        }
    }

    internal static async Task<Created<LoanRequestDto>> Endpoint(
        Client.Contracts.SubmitLoanRequestBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var request = await sender.Send(new Command(caller.SubjectId, body), ct);
        return TypedResults.Created($"/api/v1/loan-requests/{request.Id}", request);
    }
}

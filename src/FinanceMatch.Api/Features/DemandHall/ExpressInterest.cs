using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainDemandHallInterest = FinanceMatch.Core.DemandHall.DemandHallInterest;
using DomainProductStatus = FinanceMatch.Core.Products.ProductStatus;

namespace FinanceMatch.Api.Features.DemandHall;

/// <summary>
/// A bank tells a firm of the hall it would lend, under one of its own published products (another bank's, a draft or
/// a withdrawn one: 422). Only a request in the hall for this bank is found, by its hall id (404 otherwise). Saying so
/// again before the firm answers replaces the product and the note. The bank learns nothing more of the firm until the
/// firm confirms.
/// </summary>
public static class ExpressInterest
{
    public sealed record Command(Caller Caller, Guid EntryId, ExpressInterestBody Body)
        : IRequest<DemandHallInterestDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body)
                .MustBeValidBody(
                    new InlineValidator<ExpressInterestBody>
                    {
                        v => v.RuleFor(b => b.ProductId).NotEmpty(),
                        v => v.RuleFor(b => b.Note).MaximumLength(DomainDemandHallInterest.MaxNoteLength),
                    }
                );
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, DemandHallInterestDto>
    {
        public async ValueTask<DemandHallInterestDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var bank = command.Caller.SubjectId;
            var now = clock.GetUtcNow();
            await DemandHallAccess.EnsureLendingBankAsync(db, command.Caller, ct);
            var requestIds = await DemandHallAccess
                .InHall(db, bank, now)
                .Where(r => r.HallId == command.EntryId)
                .Select(r => r.Id)
                .ToListAsync(ct);
            if (requestIds is not [var requestId])
                throw new NotFoundException("No request in the demand hall has this id.");
            var productId = command.Body.ProductId;
            if (
                !await db.Products.AnyAsync(
                    p => p.Id == productId && p.InstitutionId == bank && p.Status == DomainProductStatus.Published,
                    ct
                )
            )
                throw UnprocessableException.For("productId", "Name one of your own published products.");
            var interest = await db.DemandHallInterests.SingleOrDefaultAsync(
                i => i.LoanRequestId == requestId && i.InstitutionId == bank,
                ct
            );
            if (interest is null)
                db.DemandHallInterests.Add(
                    interest = DomainDemandHallInterest.Express(requestId, bank, productId, command.Body.Note, now)
                );
            else
                interest.Revise(productId, command.Body.Note);
            // Two expressions racing each other meet the unique index (or the row version): the second is 409.
            await db.SaveChangesAsync(ct);
            return (await DemandHallMapping.ToDtosAsync(db, [interest], ct))[0];
        }
    }

    internal static async Task<DemandHallInterestDto> Endpoint(
        Guid id,
        ExpressInterestBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

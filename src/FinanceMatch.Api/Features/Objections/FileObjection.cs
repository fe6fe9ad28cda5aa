using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using DomainObjection = FinanceMatch.Core.Objections.Objection;
using DomainObjectionStatus = FinanceMatch.Core.Objections.ObjectionStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Objections;

/// <summary>
/// A firm disputes one of its records. The record must exist for the firm's USCC; one objection may be open per record.
/// </summary>
public static class FileObjection
{
    public sealed record Command(Caller Caller, Guid EnterpriseId, FileObjectionBody Body) : IRequest<ObjectionDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<FileObjectionBody>
    {
        public BodyValidator()
        {
            RuleFor(r => r.FeedType)
                .IsInEnum()
                .Must(t => t is not (FeedType.LoanPerformance or FeedType.ListMembers))
                .WithMessage(
                    "A firm objects to a department's record; a loan's reports are its bank's (ask the bank)."
                );
            RuleFor(r => r.RecordKey).NotEmpty().MaximumLength(100);
            RuleFor(r => r.RecordKey)
                .Must((r, key) => RecordKeys.IsWellFormed(r.FeedType, key))
                .WithMessage(r => $"recordKey for {r.FeedType.Wire()} is {RecordKeys.Describe(r.FeedType)}.")
                .When(r => !string.IsNullOrEmpty(r.RecordKey));
            RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, ObjectionDto>
    {
        public async ValueTask<ObjectionDto> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!command.Caller.IsParty(DomainRole.Enterprise, command.EnterpriseId))
                throw new NotFoundException("No enterprise has this id.");
            var uscc =
                await db
                    .Enterprises.Where(e => e.Id == command.EnterpriseId)
                    .Select(e => e.Uscc)
                    .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("No enterprise has this id.");
            var (feedType, key) = (command.Body.FeedType.Map<DomainFeedType>(), command.Body.RecordKey);
            var departmentId =
                await RecordKeys.DepartmentOfAsync(db, uscc, feedType, key, cancellationToken)
                ?? throw new UnprocessableException($"The firm has no {command.Body.FeedType.Wire()} record {key}.");
            if (
                await db.Objections.AnyAsync(
                    o =>
                        o.Uscc == uscc
                        && o.FeedType == feedType
                        && o.RecordKey == key
                        && o.Status == DomainObjectionStatus.Open,
                    cancellationToken
                )
            )
                throw new ConflictException("An objection to this record is already open.");
            var now = clock.GetUtcNow();
            var objection = DomainObjection.Open(
                command.EnterpriseId,
                uscc,
                feedType,
                key,
                departmentId,
                command.Body.Reason.Trim(),
                now
            );
            db.Objections.Add(objection);
            // Banks that already pulled the record learn that it is disputed, in the same transaction as the objection.
            var deliveries = await Webhooks.WebhookOutbox.AddObjectionEventAsync(
                db,
                objection,
                Core.Webhooks.WebhookEvent.ObjectionOpened,
                objection.Id,
                now,
                cancellationToken
            );
            await db.SaveChangesAsync(cancellationToken); // a concurrent twin loses on ux_objections_one_open_per_record: 409
            foreach (var delivery in deliveries)
                jobs.Enqueue<Webhooks.DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return objection.ToDto(now);
        }
    }

    internal static async Task<Created<ObjectionDto>> Endpoint(
        Guid id,
        FileObjectionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var objection = await sender.Send(new Command(caller, id, body), ct);
        return TypedResults.Created($"/api/v1/objections/{objection.Id}", objection);
    }
}

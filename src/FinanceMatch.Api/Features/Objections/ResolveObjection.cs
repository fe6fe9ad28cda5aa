using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainObjectionStatus = FinanceMatch.Core.Objections.ObjectionStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Objections;

public static class ResolveObjection
{
    public sealed record Command(Caller Caller, Guid Id, ResolveObjectionBody Body) : IRequest<ObjectionDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<ResolveObjectionBody>
    {
        public BodyValidator()
        {
            RuleFor(r => r.Outcome).IsInEnum();
            RuleFor(r => r.Note).NotEmpty().WithMessage("Say why, for the firm.").MaximumLength(2000);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, ObjectionDto>
    {
        public async ValueTask<ObjectionDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var objection =
                await db.Objections.SingleOrDefaultAsync(o => o.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("No objection has this id.");
            objection.EnsureVisibleTo(command.Caller);
            var now = clock.GetUtcNow();
            var outcome = command.Body.Outcome.Map<DomainObjectionStatus>();
            var note = command.Body.Note.Trim();
            if (command.Caller.Is(DomainRole.Department))
                objection.Answer(outcome, note, command.Caller.SubjectId, now);
            else
                objection.Decide(outcome, note, command.Caller.SubjectId, now);
            if (objection.Status == DomainObjectionStatus.Open)
            {
                await db.SaveChangesAsync(cancellationToken); // the corrected record is awaited: nothing to tell readers yet
                return objection.ToDto(now, command.Caller);
            }
            var deliveries = await Webhooks.WebhookOutbox.AddObjectionEventAsync(
                db,
                objection,
                Core.Webhooks.WebhookEvent.ObjectionResolved,
                Guid.CreateVersion7(now),
                now,
                cancellationToken
            );
            await db.SaveChangesAsync(cancellationToken); // two operators at once: one wins on the row version, the other gets 409
            foreach (var delivery in deliveries)
                jobs.Enqueue<Webhooks.DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return objection.ToDto(now, command.Caller);
        }
    }

    internal static async Task<ObjectionDto> Endpoint(
        Guid id,
        ResolveObjectionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, body), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Repairs;

/// <summary>
/// The department that supplied the penalty approves a repair (the penalty stops counting today, and the firm's profile
/// is rebuilt at once) or rejects it, saying why; the decision is final.
/// </summary>
public static class DecideRepairRequest
{
    public sealed record Command(Caller Caller, Guid Id, bool Approve, RepairDecisionBody Body)
        : IRequest<RepairRequestDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<RepairDecisionBody>
    {
        public BodyValidator() =>
            RuleFor(b => b.Note).NotEmpty().WithMessage("Say why, for the firm.").MaximumLength(2000);
    }

    public sealed class Handler(FinanceMatchDbContext db, ProfileRebuildTrigger rebuilds, TimeProvider clock)
        : IRequestHandler<Command, RepairRequestDto>
    {
        public async ValueTask<RepairRequestDto> Handle(Command command, CancellationToken ct)
        {
            var request =
                await db.RepairRequests.SingleOrDefaultAsync(r => r.Id == command.Id, ct)
                ?? throw new NotFoundException("No repair request has this id.");
            request.EnsureVisibleTo(command.Caller);
            var now = clock.GetUtcNow();
            var note = command.Body.Note.Trim();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (command.Approve)
            {
                request.Approve(command.Caller.SubjectId, note, now);
                // The penalty stops counting from today; the firm's profile is rebuilt with the batch-rebuild seam. The
                // penalty must still be the firm's: a later batch may have moved the decision to another USCC.
                var repaired = await db
                    .PenaltyRecords.Where(p =>
                        p.DepartmentId == request.DepartmentId
                        && p.DecisionNo == request.DecisionNo
                        && p.Uscc == request.Uscc
                    )
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.RepairedOn, request.RepairedOn), ct);
                if (repaired != 1)
                    throw new ConflictException(
                        "The penalty is no longer the firm's record of this department; nothing to repair."
                    );
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO financematch.profile_rebuild_requests (uscc, requested_at) VALUES ({request.Uscc}, {now}) ON CONFLICT (uscc) DO NOTHING",
                    ct
                );
            }
            else
                request.Reject(command.Caller.SubjectId, note, now);
            await db.SaveChangesAsync(ct); // two decisions at once: one wins on the row version, the other gets 409
            await transaction.CommitAsync(ct);
            if (command.Approve)
                await rebuilds.RequestAsync(ct);
            return request.ToDto(
                command.Caller,
                (await RepairAccess.AttachmentsAsync(db, [request.Id], ct))[request.Id]
            );
        }
    }

    internal static async Task<RepairRequestDto> ApproveEndpoint(
        Guid id,
        RepairDecisionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, true, body), ct);

    internal static async Task<RepairRequestDto> RejectEndpoint(
        Guid id,
        RepairDecisionBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id, false, body), ct);
}

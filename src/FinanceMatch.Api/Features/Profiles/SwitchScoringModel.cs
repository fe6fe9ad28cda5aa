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
using Npgsql;
using DomainProfileRebuildRun = FinanceMatch.Core.Profiles.ProfileRebuildRun;
using DomainRebuildRunKind = FinanceMatch.Core.Profiles.RebuildRunKind;
using DomainRebuildRunStatus = FinanceMatch.Core.Profiles.RebuildRunStatus;
using DomainScoringModel = FinanceMatch.Core.Profiles.ScoringModel;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// An operator moves the platform to another scoring model version (the newer one, or back to an older one). The target is
/// in force at once; the switch-over is a profile rebuild run that rebuilds every verified firm in steps and records both
/// versions' scores in each history.
/// </summary>
public static class SwitchScoringModel
{
    public sealed record Command(Caller Caller, SwitchScoringModelBody Body) : IRequest<ModelSwitchOverDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<SwitchScoringModelBody>
    {
        public BodyValidator() =>
            RuleFor(b => b.Version)
                .Must(v => DomainScoringModel.Find(v?.Trim()) is not null)
                .WithMessage(
                    $"version must be one of {string.Join(", ", DomainScoringModel.Versions.Select(v => v.Version))}."
                );
    }

    public sealed class Handler(
        FinanceMatchDbContext db,
        NpgsqlDataSource dataSource,
        IBackgroundJobClient jobs,
        TimeProvider clock
    ) : IRequestHandler<Command, ModelSwitchOverDto>
    {
        public async ValueTask<ModelSwitchOverDto> Handle(Command command, CancellationToken ct)
        {
            if (
                await db.ProfileRebuildRuns.AnyAsync(
                    r => r.Kind == DomainRebuildRunKind.SwitchOver && r.Status == DomainRebuildRunStatus.Running,
                    ct
                )
            )
                throw new ConflictException("A switch-over is running; wait for it to complete.");
            DomainScoringModel from;
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                from = await ProfileBuilder.ActiveModelAsync(connection, ct);
            var total = await db.Enterprises.CountAsync(
                e => e.Verification == Core.Enterprises.EnterpriseVerification.Verified,
                ct
            );
            var switchOver = DomainProfileRebuildRun.SwitchOver(
                from,
                DomainScoringModel.Find(command.Body.Version.Trim())!,
                total,
                command.Caller.RequiredClientId,
                clock.GetUtcNow()
            );
            db.ProfileRebuildRuns.Add(switchOver);
            await db.SaveChangesAsync(ct); // a racing start loses on the one-active index: 409
            jobs.Enqueue<RunProfileRebuildRuns.Job>(job => job.Run(switchOver.Id, CancellationToken.None));
            return switchOver.ToSwitchOverDto();
        }
    }

    /// <summary>A switch-over runs from the moment it is asked until it completes: it is never queued, nor given up.</summary>
    internal static ModelSwitchOverDto ToSwitchOverDto(this DomainProfileRebuildRun s) =>
        new(
            s.Id,
            s.FromVersion,
            s.ToVersion!,
            s.Status == DomainRebuildRunStatus.Completed ? SwitchOverStatus.Completed : SwitchOverStatus.Running,
            s.Total,
            s.Done,
            s.StartedAt ?? s.RequestedAt,
            s.FinishedAt
        );

    internal static async Task<Accepted<ModelSwitchOverDto>> Endpoint(
        SwitchScoringModelBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var started = await sender.Send(new Command(caller, body), ct);
        return TypedResults.Accepted($"/api/v1/scoring-model/switch-overs/{started.Id}", started);
    }
}

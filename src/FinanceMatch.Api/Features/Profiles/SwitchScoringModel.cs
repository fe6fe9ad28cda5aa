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
using DomainModelSwitchOver = FinanceMatch.Core.Profiles.ModelSwitchOver;
using DomainScoringModel = FinanceMatch.Core.Profiles.ScoringModel;
using DomainSwitchOverStatus = FinanceMatch.Core.Profiles.SwitchOverStatus;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// An operator moves the platform to another scoring model version (the newer one, or back to an older one). The target is
/// in force at once; a job rebuilds every verified firm in steps and records both versions' scores in each history.
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
            if (await db.ModelSwitchOvers.AnyAsync(s => s.Status == DomainSwitchOverStatus.Running, ct))
                throw new ConflictException("A switch-over is running; wait for it to complete.");
            DomainScoringModel from;
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                from = await ProfileBuilder.ActiveModelAsync(connection, ct);
            var total = await db.Enterprises.CountAsync(
                e => e.Verification == Core.Enterprises.EnterpriseVerification.Verified,
                ct
            );
            var switchOver = DomainModelSwitchOver.Start(
                from,
                DomainScoringModel.Find(command.Body.Version.Trim())!,
                total,
                command.Caller.RequiredClientId,
                clock.GetUtcNow()
            );
            db.ModelSwitchOvers.Add(switchOver);
            await db.SaveChangesAsync(ct); // a racing start loses on the one-running index: 409
            jobs.Enqueue<RunModelSwitchOver.Job>(job => job.Run(switchOver.Id, CancellationToken.None));
            return switchOver.ToDto();
        }
    }

    internal static ModelSwitchOverDto ToDto(this DomainModelSwitchOver s) =>
        new(
            s.Id,
            s.FromVersion,
            s.ToVersion,
            s.Status.Map<SwitchOverStatus>(),
            s.Total,
            s.Done,
            s.StartedAt,
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

using FinanceMatch.Api.Auth;
using System.Security.Claims;
using Cronos;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WireFeedType = FinanceMatch.Client.Contracts.FeedType;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

internal static class FeedSourceMapping
{
    public static FeedSourceDto ToDto(this FeedSource s) =>
        new(s.Id, s.DepartmentId, s.FeedType.Map<WireFeedType>(), s.BaseUrl, s.Cron, s.ProtectedApiKey is not null, s.Cursor, s.CreatedAt,
            s.LastPulledAt, s.LastError);

    /// <summary>Each source has one recurring job with a stable id; registering again only updates it.</summary>
    public static void Schedule(this IRecurringJobManager jobs, FeedSource source) =>
        jobs.AddOrUpdate<PullFeedSource.Job>(source.RecurringJobId, JobQueues.Ingest, job => job.Run(source.Id, CancellationToken.None),
            source.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}

public static class CreateFeedSource
{
    public sealed record Command(Guid DepartmentId, WireFeedType FeedType, string BaseUrl, string Cron, string? ApiKey) : IRequest<FeedSourceDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DepartmentId).NotEmpty();
            RuleFor(c => c.FeedType).IsInEnum();
            RuleFor(c => c.BaseUrl).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(500)
                .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                    && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
                .WithMessage("baseUrl must be an absolute http(s) URL without query or fragment.");
            RuleFor(c => c.Cron).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(100)
                .Must(BeCron).WithMessage("cron must be a cron expression of 5 fields (minute hour day month weekday), e.g. '0 2 * * *'.");
            RuleFor(c => c.ApiKey).MaximumLength(500);
        }

        private static bool BeCron(string cron)
        {
            try
            {
                CronExpression.Parse(cron);
                return true;
            }
            catch (CronFormatException)
            {
                return false;
            }
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, SecretProtector protector, IRecurringJobManager jobs, TimeProvider clock)
        : IRequestHandler<Command, FeedSourceDto>
    {
        public async ValueTask<FeedSourceDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.FindAsync([command.DepartmentId], cancellationToken)
                ?? throw new UnprocessableException("No department has this departmentId.");
            var feedType = command.FeedType.Map<DomainFeedType>();
            if (!department.MayPush(feedType))
                throw new UnprocessableException($"The department was not created with the feed type {command.FeedType}.");
            var source = FeedSource.Register(department.Id, feedType, command.BaseUrl, command.Cron,
                string.IsNullOrEmpty(command.ApiKey) ? null : protector.Protect(SecretPurpose.FeedSourceApiKey, command.ApiKey), clock.GetUtcNow());
            db.FeedSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);
            // Also re-registered for every source at start-up, so a crash right here cannot leave a source unscheduled.
            jobs.Schedule(source);
            return source.ToDto();
        }
    }

    internal static async Task<Created<FeedSourceDto>> Endpoint(CreateFeedSourceRequest body, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new Command(body.DepartmentId, body.FeedType, body.BaseUrl, body.Cron, body.ApiKey), ct);
        return TypedResults.Created($"/api/v1/feed-sources/{created.Id}", created);
    }
}

public static class ListFeedSources
{
    public sealed record Query(int Page, int PageSize) : IRequest<Paged<FeedSourceDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<FeedSourceDto>>
    {
        public async ValueTask<Paged<FeedSourceDto>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.FeedSources.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
                .ToPageAsync(db, query, FeedSourceMapping.ToDto, cancellationToken);
    }

    internal static async Task<Paged<FeedSourceDto>> Endpoint(ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(page, pageSize), ct);
}

public static class GetFeedSource
{
    public sealed record Query(Guid Id) : IRequest<FeedSourceDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, FeedSourceDto>
    {
        public async ValueTask<FeedSourceDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = await db.FeedSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.Id, cancellationToken);
            return (source ?? throw new NotFoundException("No feed source has this id.")).ToDto();
        }
    }

    internal static async Task<FeedSourceDto> Endpoint(Guid id, ISender sender, CancellationToken ct) => await sender.Send(new Query(id), ct);
}

public static class RunFeedSource
{
    public sealed record Command(Guid Id) : IRequest<FeedSourceRunDto>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs) : IRequestHandler<Command, FeedSourceRunDto>
    {
        public async ValueTask<FeedSourceRunDto> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.FeedSources.AnyAsync(s => s.Id == command.Id, cancellationToken)) throw new NotFoundException("No feed source has this id.");
            var jobId = jobs.Enqueue<PullFeedSource.Job>(job => job.Run(command.Id, CancellationToken.None));
            return new FeedSourceRunDto(command.Id, jobId);
        }
    }

    internal static async Task<Accepted<FeedSourceRunDto>> Endpoint(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Accepted($"/api/v1/feed-sources/{id}", await sender.Send(new Command(id), ct));
}

public static class ScheduleFeedSources
{
    /// <summary>Start-up: every source gets its recurring job (stable ids make this a no-op when nothing changed).</summary>
    public static async Task RegisterAllAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        foreach (var source in await db.FeedSources.AsNoTracking().ToListAsync(ct)) jobs.Schedule(source);
    }
}

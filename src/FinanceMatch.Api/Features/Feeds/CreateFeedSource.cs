using Cronos;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using FeedType = FinanceMatch.Client.Contracts.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

public static class CreateFeedSource
{
    public sealed record Command(Guid DepartmentId, FeedType FeedType, string BaseUrl, string Cron, string? ApiKey)
        : IRequest<FeedSourceDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DepartmentId).NotEmpty();
            RuleFor(c => c.FeedType)
                .IsInEnum()
                .Must(t => t is not (FeedType.LoanPerformance or FeedType.ListMembers))
                .WithMessage(
                    "loanPerformance is pushed by banks, of their own loans, and listMembers uploaded to a list; no department serves them."
                );
            RuleFor(c => c.BaseUrl)
                .Cascade(CascadeMode.Stop)
                .NotEmpty()
                .MaximumLength(500)
                .Must(url =>
                    Uri.TryCreate(url, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                    && string.IsNullOrEmpty(uri.Query)
                    && string.IsNullOrEmpty(uri.Fragment)
                )
                .WithMessage("baseUrl must be an absolute http(s) URL without query or fragment.");
            RuleFor(c => c.Cron)
                .Cascade(CascadeMode.Stop)
                .NotEmpty()
                .MaximumLength(100)
                .Must(BeCron)
                .WithMessage(
                    "cron must be a cron expression of 5 fields (minute hour day month weekday), e.g. '0 2 * * *'."
                );
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

    public sealed class Handler(
        FinanceMatchDbContext db,
        SecretProtector protector,
        IRecurringJobManager jobs,
        TimeProvider clock
    ) : IRequestHandler<Command, FeedSourceDto>
    {
        public async ValueTask<FeedSourceDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var department =
                await db.Departments.FindAsync([command.DepartmentId], cancellationToken)
                ?? throw new UnprocessableException("No department has this departmentId.");
            var feedType = command.FeedType.Map<DomainFeedType>();
            if (!department.MayPush(feedType))
                throw new UnprocessableException(
                    $"The department was not created with the feed type {command.FeedType}."
                );
            var source = FeedSource.Register(
                department.Id,
                feedType,
                command.BaseUrl,
                command.Cron,
                string.IsNullOrEmpty(command.ApiKey)
                    ? null
                    : protector.Protect(SecretPurpose.FeedSourceApiKey, command.ApiKey),
                clock.GetUtcNow()
            );
            db.FeedSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);
            // Also re-registered for every source at start-up, so a crash right here cannot leave a source unscheduled.
            jobs.Schedule(source);
            return source.ToDto();
        }
    }

    internal static async Task<Created<FeedSourceDto>> Endpoint(
        CreateFeedSourceBody body,
        ISender sender,
        CancellationToken ct
    )
    {
        var created = await sender.Send(
            new Command(body.DepartmentId, body.FeedType, body.BaseUrl, body.Cron, body.ApiKey),
            ct
        );
        return TypedResults.Created($"/api/v1/feed-sources/{created.Id}", created);
    }
}

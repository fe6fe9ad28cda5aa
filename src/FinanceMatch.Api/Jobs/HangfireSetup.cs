using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Identity;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;

namespace FinanceMatch.Api.Jobs;

public static partial class HangfireSetup
{
    public const string Schema = "hangfire";
    public const string ExpireUnansweredMatchesJobId = "expire-unanswered-matches";

    public static IServiceCollection AddFinanceMatchJobs(
        this IServiceCollection services,
        StartupSettings settings,
        IConfiguration configuration
    )
    {
        services.AddHangfire(config =>
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseTypeResolver(MovedJobs.Resolve)
                .UseRecommendedSerializerSettings()
                .UseFilter(new TraceContextJobFilter())
                .UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(settings.ConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = Schema,
                        PrepareSchemaIfNecessary = true,
                        // Several worker processes share one database: a running job's lease is renewed while it runs, so a
                        // second worker never starts a long job that is still alive, and a dead worker's job is retaken quickly.
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromSeconds(
                            configuration.GetValue("Jobs:InvisibilityTimeoutSeconds", 300)
                        ),
                        QueuePollInterval = TimeSpan.FromMilliseconds(
                            configuration.GetValue("Jobs:QueuePollMilliseconds", 500)
                        ),
                        JobExpirationCheckInterval = TimeSpan.FromMinutes(30),
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                        EnableTransactionScopeEnlistment = true,
                    }
                )
        );

        if (settings.RunsWorkers)
        {
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:matching";
                o.Queues = [JobQueues.Matching];
                o.WorkerCount = configuration.GetValue(
                    "Jobs:MatchingWorkers",
                    Math.Max(4, Environment.ProcessorCount * 4)
                );
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:main";
                o.Queues = [JobQueues.Default];
                o.WorkerCount = configuration.GetValue("Jobs:Workers", 4);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:ingest";
                o.Queues = [JobQueues.Ingest];
                o.WorkerCount = configuration.GetValue("Jobs:IngestWorkers", 2);
            });
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:webhooks";
                o.Queues = [JobQueues.Webhooks];
                // Deliveries mostly wait on other parties' servers, so more of them than cores.
                o.WorkerCount = configuration.GetValue("Jobs:WebhookWorkers", 8);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return services;
    }

    /// <summary>
    /// Registers the recurring jobs at start-up. A process killed while it held a recurring job's lock leaves that lock
    /// until <c>DistributedLockTimeout</c> (one minute) passes: the registration waits it out instead of failing the start.
    /// </summary>
    public static async Task RegisterRecurringJobsAsync(IServiceProvider services, CancellationToken ct)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                RegisterRecurringJobs(jobs);
                return;
            }
            catch (Exception e)
                when (e is Hangfire.Storage.DistributedLockTimeoutException or PostgreSqlDistributedLockException
                    && DateTimeOffset.UtcNow < deadline
                )
            {
                LogRegistrationWaiting(
                    services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HangfireSetup).FullName!),
                    e.Message
                );
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Recurring jobs not registered yet, a lock is held (by a process that died?); trying again: {Reason}"
    )]
    private static partial void LogRegistrationWaiting(ILogger logger, string reason);

    /// <summary>Recurring jobs have stable ids, so every process may register them and they exist once.</summary>
    public static void RegisterRecurringJobs(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<Idempotency.PurgeExpiredIdempotencyKeys.Job>(
            "purge-idempotency-keys",
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Hourly()
        );
        jobs.AddOrUpdate<Features.Profiles.DrainProfileRebuilds.Job>(
            "drain-profile-rebuilds",
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Minutely()
        );
        // 18:00 UTC is 02:00 in China: the nightly rebuild of every profile, so that month windows roll over.
        jobs.AddOrUpdate<Features.Profiles.RecomputeProfiles.Job>(
            "rebuild-all-profiles",
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "0 18 * * *"
        );
        // The resume of switch-overs became the resume of every rebuild run, under a name that says so.
        jobs.RemoveIfExists("resume-model-switch-overs");
        jobs.AddOrUpdate<Features.Profiles.RunProfileRebuildRuns.Job>(
            Features.Profiles.RunProfileRebuildRuns.RecurringJobId,
            JobQueues.Default,
            job => job.ResumeAsync(CancellationToken.None),
            Cron.Minutely()
        );
        // 18:30 UTC is 02:30 in China: every record against the data-quality rules.
        jobs.AddOrUpdate<Features.Quality.CheckAllQuality.Job>(
            Features.Quality.CheckAllQuality.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "30 18 * * *"
        );
        // 17:00 UTC is 01:00 in China: next months' partitions of the feed tables, long before a batch can need them.
        jobs.AddOrUpdate<Features.Feeds.MaintainFeedPartitions.Job>(
            Features.Feeds.MaintainFeedPartitions.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "0 17 * * *"
        );
        // 19:00 UTC is 03:00 in China, after the nightly rebuild.
        jobs.AddOrUpdate<Features.Retention.ApplyRetention.Job>(
            Features.Retention.ApplyRetention.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "0 19 * * *"
        );
        jobs.AddOrUpdate<Features.Feeds.RequeueStalledBatches.Job>(
            "requeue-stalled-batches",
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Minutely()
        );
        jobs.AddOrUpdate<Features.Matching.RematchStalledRequests.Job>(
            "rematch-stalled-requests",
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Minutely()
        );
        jobs.AddOrUpdate<Features.Webhooks.SweepWebhookDeliveries.Job>(
            Features.Webhooks.SweepWebhookDeliveries.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Minutely()
        );
        jobs.AddOrUpdate<Features.Statistics.StatisticsRollups.Job>(
            Features.Statistics.StatisticsRollups.Job.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Minutely()
        );
        // 19:30 UTC is 03:30 in China: settled loans give their reservations back, lapsed covers too.
        jobs.AddOrUpdate<Features.RiskProgrammes.ReleaseRiskReservations.Job>(
            Features.RiskProgrammes.ReleaseRiskReservations.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "30 19 * * *"
        );
        // And policies' subsidies no longer to be earned or claimed go back to their budgets.
        jobs.AddOrUpdate<Features.GovernmentPolicies.ReleasePolicyReservations.Job>(
            Features.GovernmentPolicies.ReleasePolicyReservations.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "35 19 * * *"
        );
        // And the guarantees of loans that ended without loss give their capacity back.
        jobs.AddOrUpdate<Features.Guarantees.ReleaseSettledGuarantees.Job>(
            Features.Guarantees.ReleaseSettledGuarantees.RecurringJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            "40 19 * * *"
        );
        jobs.AddOrUpdate<Features.Matches.ExpireUnansweredMatches.Job>(
            ExpireUnansweredMatchesJobId,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            Cron.Minutely()
        );
    }

    public static void MapJobDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(
            "/hangfire",
            new DashboardOptions
            {
                Authorization = [new OperatorDashboardAuthorization(app.Environment)],
                DashboardTitle = "FinanceMatch jobs",
                AppPath = "/swagger",
            }
        );

    /// <summary>
    /// Operators only, by the token's role (a local-only rule would also refuse the in-process test server);
    /// anonymous access just for a developer on their own machine.
    /// </summary>
    private sealed class OperatorDashboardAuthorization(IHostEnvironment environment) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (http.User.Is(Role.Operator))
                return true;
            var remote = http.Connection.RemoteIpAddress;
            return environment.IsDevelopment() && remote is not null && System.Net.IPAddress.IsLoopback(remote);
        }
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Errors;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Client;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Hangfire;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace FinanceMatch.Api.Infrastructure;

public static class ServiceRegistration
{
    /// <summary>What every FinanceMatch process needs, with or without HTTP: data, mediator, jobs.</summary>
    public static IServiceCollection AddFinanceMatchCore(
        this IServiceCollection services,
        IConfiguration configuration,
        StartupSettings settings
    )
    {
        Sql.LoadAll(); // every statement kept in a .sql file is read now: a missing or empty one stops the start, not a request
        services.AddSingleton(settings);
        services.AddFinanceMatchTelemetry(configuration, settings);
        services.AddSingleton<TimeProvider, PostgresTimeProvider>();
        // Named: the pool is "financematch" in Npgsql's metrics, not the connection string.
        services.AddSingleton(_ =>
            new NpgsqlDataSourceBuilder(settings.ConnectionString) { Name = "financematch" }.Build()
        );
        services.AddDbContext<FinanceMatchDbContext>(
            (sp, options) => FinanceMatchDbContext.Configure(options, sp.GetRequiredService<NpgsqlDataSource>())
        );

        services.AddMediator(
            (Mediator.MediatorOptions options) =>
            {
                options.ServiceLifetime = ServiceLifetime.Scoped;
                options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
            }
        );
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        // Messages name fields as clients send them ('registeredCapital'), not as C# display names ('Registered Capital').
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : ValidationErrors.CamelPath(member.Name);

        services
            .AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(
                o => o.TokenLifetimeMinutes is > 0 and <= 24 * 60,
                "Auth__TokenLifetimeMinutes must be between 1 and 1440."
            )
            .Validate(
                o => o.CredentialCacheSeconds is >= 0 and <= 300,
                "Auth__CredentialCacheSeconds must be between 0 and 300."
            )
            .ValidateOnStart();
        var dataProtection = services.AddDataProtection().SetApplicationName("FinanceMatch");
        if (settings.DataProtectionKeysDirectory is { } keysDirectory)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<CredentialStates>();
        services
            .AddOptions<Features.Enterprises.Verification.VerificationOptions>()
            .Bind(configuration.GetSection(Features.Enterprises.Verification.VerificationOptions.Section))
            .Validate(
                o => o.Problem() is null,
                "Verification__LicenceIssuer and Verification__LicenceIssuerKeys must be set together, "
                    + "the keys a JWKS document (inline JSON or a file path)."
            )
            .ValidateOnStart();
        services.AddScoped<
            Features.Enterprises.Verification.IVerificationMethod,
            Features.Enterprises.Verification.BusinessLicenceVerification
        >();
        services.AddScoped<Features.Enterprises.Verification.OperatorReviewVerification>();
        services.AddScoped<Features.Enterprises.Verification.IVerificationMethod>(sp =>
            sp.GetRequiredService<Features.Enterprises.Verification.OperatorReviewVerification>()
        );
        services.AddScoped<Features.Enterprises.Verification.VerificationDecision>();
        services
            .AddOptions<Features.Feeds.FeedOptions>()
            .Bind(configuration.GetSection(Features.Feeds.FeedOptions.Section))
            .Validate(
                o =>
                    o.MaxBatchBytes > 0
                    && o.MaxBatchRows > 0
                    && o.MaxStoredErrors >= 0
                    && o.PullPageSize is > 0 and <= 100_000
                    && o.ProgressEveryRows > 0
                    && o.PullRetryAttempts > 0
                    && o.PullRetryBaseDelayMilliseconds >= 0
                    && o.PeriodRetentionMonths is >= Core.Feeds.FeedPartitions.MinimumRetentionMonths and <= 1200,
                "Feeds__* limits must be positive (Feeds__PullPageSize at most 100000, Feeds__PeriodRetentionMonths 25 to 1200)."
            )
            .ValidateOnStart();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section));
        services.AddSingleton<SecretHasher>();
        services.AddSingleton<CredentialIssuer>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<OperatorBootstrap>();
        services.AddSingleton<IdempotencyStore>();
        services
            .AddOptions<Features.Profiles.ProfileOptions>()
            .Bind(configuration.GetSection(Features.Profiles.ProfileOptions.Section))
            .Validate(o => o.RebuildDelaySeconds >= 0, "Profiles__RebuildDelaySeconds cannot be negative.")
            .Validate(o => o.RebuildMaxDelaySeconds >= 0, "Profiles__RebuildMaxDelaySeconds cannot be negative.")
            .Validate(o => o.RebuildRunChunk >= 1, "Profiles__RebuildRunChunk must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<Features.Profiles.ProfileBuilder>();
        services.AddSingleton<Features.Quality.QualityCheck>();
        services
            .AddOptions<Features.Matching.MatchingOptions>()
            .Bind(configuration.GetSection(Features.Matching.MatchingOptions.Section))
            .Validate(
                o => o.ResponseDeadlineHours is > 0 and <= 24 * 365,
                "Matching__ResponseDeadlineHours must be between 1 and 8760."
            )
            .Validate(
                o => o.MaxMatchesPerRequest is > 0 and <= 1000,
                "Matching__MaxMatchesPerRequest must be between 1 and 1000."
            )
            .Validate(o => o.QueuedRuns is > 0 and <= 1000, "Matching__QueuedRuns must be between 1 and 1000.")
            .Validate(
                o => o.RequestsPerRun is > 0 and <= 1_000_000,
                "Matching__RequestsPerRun must be between 1 and 1000000."
            )
            .ValidateOnStart();
        services.AddScoped<Features.Matching.MatchingEngine>();
        services.AddSingleton<Features.Profiles.ProfileRebuildTrigger>();
        services.AddSingleton<Features.Matching.MatchingTrigger>();
        services.AddSingleton<ExclusiveRun>();
        services.AddSingleton<Features.Statistics.StatisticsRollups>();
        services.AddHttpClient(Features.Feeds.PullFeedSource.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        // Webhooks: plain http and private addresses only where a developer or a test runs receivers on loopback.
        services
            .AddOptions<Features.Webhooks.WebhookOptions>()
            .Bind(configuration.GetSection("Webhooks"))
            .PostConfigure<IHostEnvironment>(
                (o, environment) =>
                {
                    var local = environment.IsDevelopment() || environment.IsEnvironment("Testing");
                    o.AllowHttp ??= local;
                    o.AllowPrivateNetworks ??= local;
                }
            )
            .Validate(
                o => o.Problem() is null,
                $"Webhooks__TimeoutSeconds must be positive and Webhooks__LeaseSeconds exceed it by at least "
                    + $"{Features.Webhooks.WebhookOptions.LeaseMarginSeconds} s (a lease that runs out mid-POST lets a second worker post the event again); "
                    + "Webhooks__PreviousSecretHours must be 0 to 168."
            )
            .ValidateOnStart();
        services
            .AddHttpClient(Features.Webhooks.DeliverWebhook.HttpClientName)
            .ConfigureHttpClient(
                (sp, c) =>
                    c.Timeout = TimeSpan.FromSeconds(
                        sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Features.Webhooks.WebhookOptions>>().Value.TimeoutSeconds
                    )
            )
            .ConfigurePrimaryHttpMessageHandler(sp =>
                Features.Webhooks.WebhookAddresses.Handler(
                    sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Features.Webhooks.WebhookOptions>>().Value.AllowPrivateNetworks
                        == true
                )
            );

        // Registered even while the OpenAPI document is generated (storage is only created when first resolved), so that
        // Development's start-up validation of every handler's dependencies holds there too.
        services.AddFinanceMatchJobs(settings, configuration);
        services
            .AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<JobStorageHealthCheck>("jobStorage", tags: ["ready"]);
        HeartbeatFile.AddIfConfigured(services, configuration);
        return services;
    }

    /// <summary>The HTTP side: authentication, problem responses, JSON conventions, OpenAPI, health.</summary>
    public static IServiceCollection AddFinanceMatchHttp(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        services.ConfigureHttpJsonOptions(o => FinanceMatchJson.Apply(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o =>
            o.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
                context.ProblemDetails.Extensions["traceId"] =
                    System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            }
        );
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddScoped<IdempotencyFilter>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services
            .AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider>(
                (options, keys) =>
                {
                    options.MapInboundClaims = false;
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = AuthOptions.Issuer,
                        ValidAudience = AuthOptions.Audience,
                        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                        IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys(kid),
                        NameClaimType = CallerClaims.ClientId,
                        RoleClaimType = CallerClaims.Role,
                        ClockSkew = TimeSpan.FromSeconds(30),
                    };
                    options.Events = new JwtBearerEvents
                    {
                        // The job dashboard is a browser page reached by a link, which cannot carry a header: there, and only
                        // there, the token may come as the cookie the operators' dashboard sets. The API takes bearer tokens only.
                        OnMessageReceived = context =>
                        {
                            if (
                                context.Request.Path.StartsWithSegments(
                                    Features.Auth.StartJobDashboardSession.CookiePath
                                )
                                && string.IsNullOrEmpty(context.Request.Headers.Authorization)
                                && context.Request.Cookies.TryGetValue(
                                    Features.Auth.StartJobDashboardSession.CookieName,
                                    out var token
                                )
                            )
                                context.Token = token;
                            return Task.CompletedTask;
                        },
                        OnTokenValidated = CredentialCheck.OnTokenValidatedAsync,
                    };
                }
            );
        services.AddAntiforgery();
        services.AddHostedService<PlatformNotifications>();
        ForwardedHeadersSetup.Configure(new ForwardedHeadersOptions(), configuration); // a bad address stops the start, naming the setting
        services.Configure<ForwardedHeadersOptions>(options => ForwardedHeadersSetup.Configure(options, configuration));
        Policies.Add(services.AddAuthorizationBuilder());
        services.AddFinanceMatchRateLimits(configuration, environment);

        services.AddFinanceMatchOpenApi();
        return services;
    }

    /// <summary>Start-up work that needs the database, in order: schema, signing key, first operator, recurring jobs.</summary>
    public static async Task PrepareAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<StartupSettings>();
        if (settings.IsGeneratingOpenApiDocument)
            return;
        if (settings.MigrateOnStartup)
        {
            await using var scope = services.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>().Database;
            // A migration rewrites whole tables at times (the monthly records into partitions): no statement time limit.
            database.SetCommandTimeout(0);
            await database.MigrateAsync(ct);
        }
        await ProtectLegacySecrets.RunAsync(services, ct);
        await Features.Consents.ChainLegacyAccessRecords.RunAsync(services.GetRequiredService<NpgsqlDataSource>(), ct);
        await services.GetRequiredService<SigningKeyProvider>().LoadAsync(ct);
        await services.GetRequiredService<OperatorBootstrap>().EnsureAsync(ct);
        if (settings.RunsWorkers)
        {
            await Features.Feeds.MaintainFeedPartitions.RunAsync(services, ct);
            await HangfireSetup.RegisterRecurringJobsAsync(services, ct);
            await Features.Feeds.ScheduleFeedSources.RegisterAllAsync(services, ct);
        }
    }
}

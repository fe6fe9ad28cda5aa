using Microsoft.Extensions.DependencyInjection;

namespace FinanceMatch.Client;

/// <summary>Registers the FinanceMatch client with dependency injection and <c>IHttpClientFactory</c>.</summary>
public static class FinanceMatchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FinanceMatchClient"/> as a typed HTTP client on <see cref="FinanceMatchClientOptions.BaseAddress"/>.
    /// Given a client id and secret, its requests are signed in by a <see cref="ClientCredentialsHandler"/>, whose token
    /// is kept for the application's lifetime (across the handler chains the factory renews); without them it calls
    /// anonymously.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddFinanceMatchClient(o =>
    /// {
    ///     o.BaseAddress = new Uri("https://financematch.example.com/");
    ///     o.ClientId = configuration["FinanceMatch:ClientId"];
    ///     o.ClientSecret = configuration["FinanceMatch:ClientSecret"];
    /// });
    /// // then inject FinanceMatchClient: await client.Matches.ListAsync(…)
    /// </code>
    /// </example>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options; it runs once, here, and the options are checked at once.</param>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>, to add handlers (resilience, logging) or configure it further.</returns>
    /// <exception cref="ArgumentException">
    /// The base address is missing, relative or not http(s), or only one of the client id and secret is given; the message
    /// names the option.
    /// </exception>
    public static IHttpClientBuilder AddFinanceMatchClient(
        this IServiceCollection services,
        Action<FinanceMatchClientOptions> configure
    )
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new FinanceMatchClientOptions();
        configure(options);
        options.Validate(nameof(configure));
        var baseAddress = options.BaseAddress!;
        var builder = services.AddHttpClient<FinanceMatchClient>(http => http.BaseAddress = baseAddress);
        if (!options.HasClientCredentials)
            return builder;

        // One token per registration and service provider, outliving the handlers that IHttpClientFactory rebuilds.
        var key = new object();
        var (clientId, clientSecret) = (options.ClientId!, options.ClientSecret!);
        services.AddKeyedSingleton<AccessTokenSource>(
            key,
            (provider, _) =>
                new AccessTokenSource(
                    AccessTokenSource.TokenEndpoint(baseAddress),
                    clientId,
                    clientSecret,
                    provider.GetService<TimeProvider>() ?? TimeProvider.System
                )
        );
        // No redirect is followed: a 307 or 308 would send the token request, secret and all, to another address.
        return builder
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler(provider => new ClientCredentialsHandler(
                provider.GetRequiredKeyedService<AccessTokenSource>(key)
            ));
    }
}

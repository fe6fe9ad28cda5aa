using FinanceMatch.Api.Infrastructure;
using Npgsql;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Listens on PostgreSQL NOTIFY for the changes other processes make that this one caches: a credential's version or
/// state, or a firm's verification (<c>credential_changed</c>, payload the credential id), and the token signing keys
/// (<c>signing_keys_changed</c>). The listener has a connection of its own outside the pool (a pooled connection is not
/// reset on return, and must not keep a LISTEN). While it is not connected, nothing is cached.
/// </summary>
public sealed partial class PlatformNotifications(
    StartupSettings settings,
    CredentialStates credentials,
    SigningKeyProvider signingKeys,
    ILogger<PlatformNotifications> logger
) : BackgroundService
{
    public const string CredentialChannel = "credential_changed";
    public const string SigningKeyChannel = "signing_keys_changed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "financematch-notifications",
        }.ConnectionString;
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
                await using (
                    var listen = Sql.Command(connection, $"LISTEN {CredentialChannel}; LISTEN {SigningKeyChannel}")
                )
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                credentials.SetListening(true);
                // Anything that changed while nobody listened is read afresh.
                await signingKeys.ReloadAsync(stoppingToken);
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                credentials.SetListening(false);
                LogListenerLost(logger, e.GetBaseException().Message, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
        credentials.SetListening(false);
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel == CredentialChannel && Guid.TryParse(payload, out var id))
            credentials.Forget(id);
        else if (channel == SigningKeyChannel)
            signingKeys.RequestReload();
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Lost the PostgreSQL notification listener ({Reason}); credentials are read uncached until it is back, retrying in {DelayMilliseconds} ms"
    )]
    private static partial void LogListenerLost(ILogger logger, string reason, double delayMilliseconds);
}

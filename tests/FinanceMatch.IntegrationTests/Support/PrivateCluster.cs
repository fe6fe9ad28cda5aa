using System.Diagnostics;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own (made and started by scripts/postgres.sh under .data/), so the test may stop and
/// restart it without touching the cluster every other test uses.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private static readonly string Root = FindRoot();
    private readonly string directory;
    private readonly int port;

    private PrivateCluster(string directory, int port, string connectionString) =>
        (this.directory, this.port, ConnectionString) = (directory, port, connectionString);

    public string ConnectionString { get; }

    public static async Task<PrivateCluster> StartAsync()
    {
        var directory = Path.Combine(Root, ".data", $"fault-{Guid.NewGuid():N}"[..16]);
        var port = FreePortBelowTheEphemeralRange();
        var output = await BashAsync(
            directory,
            port,
            null,
            """source scripts/postgres.sh >&2; echo "$ConnectionStrings__FinanceMatch" """
        );
        return new PrivateCluster(directory, port, output.Trim().Split('\n')[^1]);
    }

    /// <summary>Shuts PostgreSQL down at once: open connections are cut, new ones refused.</summary>
    public Task StopAsync() =>
        BashAsync(
            directory,
            port,
            ConnectionString,
            """fm_pg_run "$(fm_pg_bindir)/pg_ctl" -D "$FINANCEMATCH_PG_DIR" stop -m fast -w >&2"""
        );

    public Task StartAgainAsync() =>
        BashAsync(
            directory,
            port,
            ConnectionString,
            """fm_pg_run "$(fm_pg_bindir)/pg_ctl" -D "$FINANCEMATCH_PG_DIR" -l "$FINANCEMATCH_PG_DIR/server.log" start -w >&2"""
        );

    /// <summary>
    /// A port nothing listens on, below Linux's ephemeral range (32768 and up): a fixed port in that range was sometimes
    /// taken as the local end of one of the test run's own outgoing connections, and PostgreSQL could not bind it.
    /// </summary>
    private static int FreePortBelowTheEphemeralRange()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 30_000);
            try
            {
                var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, candidate);
                probe.Start();
                probe.Stop();
                return candidate;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // taken; try another
            }
        }
        throw new InvalidOperationException("No free loopback port between 20000 and 29999.");
    }

    private static async Task<string> BashAsync(string directory, int port, string? connectionString, string script)
    {
        var start = new ProcessStartInfo(
            "bash",
            ["-c", connectionString is null ? script : "source scripts/postgres.sh 2>/dev/null; " + script]
        )
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FINANCEMATCH_PG_DIR"] = directory;
        start.Environment["FINANCEMATCH_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (connectionString is null)
            start.Environment.Remove("ConnectionStrings__FinanceMatch");
        else
            start.Environment["ConnectionStrings__FinanceMatch"] = connectionString;
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        if (bash.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed: {await errors}");
        return await output;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinanceMatch.sln")))
            directory = directory.Parent;
        return directory?.FullName
            ?? throw new DirectoryNotFoundException("FinanceMatch.sln not found above the test binaries.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        Directory.Delete(directory, recursive: true);
    }
}

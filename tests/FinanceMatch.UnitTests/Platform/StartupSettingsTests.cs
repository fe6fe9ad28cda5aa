using FinanceMatch.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;

namespace FinanceMatch.UnitTests.Platform;

public sealed class StartupSettingsTests
{
    [Test]
    public void AConnectionString_ThatSaysNothing_GetsPreparedStatementsAndNoResetOnClose()
    {
        var connection = new NpgsqlConnectionStringBuilder(Read("Host=db;Database=financematch").ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(connection.MaxAutoPrepare, Is.EqualTo(200));
            Assert.That(connection.NoResetOnClose, Is.True);
            Assert.That(connection.Host, Is.EqualTo("db"));
        });
    }

    [TestCase("Host=db;Database=financematch;No Reset On Close=false;Max Auto Prepare=5")]
    [TestCase("Host=db;Database=financematch;noresetonclose=False;maxautoprepare=5")]
    public void AConnectionString_ThatSaysSomething_IsObeyed(string given)
    {
        var connection = new NpgsqlConnectionStringBuilder(Read(given).ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(connection.MaxAutoPrepare, Is.EqualTo(5));
            Assert.That(connection.NoResetOnClose, Is.False);
        });
    }

    [Test]
    public void Production_WithoutADataProtectionKeyRing_StopsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Read("Host=db;Database=financematch", keysDirectory: null)
        );
        Assert.That(error!.Message, Does.Contain("DataProtection__KeysDirectory"));
    }

    private static StartupSettings Read(string connectionString, string? keysDirectory = "/var/lib/financematch/keys")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:FinanceMatch"] = connectionString,
                    ["DataProtection:KeysDirectory"] = keysDirectory,
                }
            )
            .Build();
        return StartupSettings.Read(
            configuration,
            new HostingEnvironment { EnvironmentName = Environments.Production }
        );
    }
}

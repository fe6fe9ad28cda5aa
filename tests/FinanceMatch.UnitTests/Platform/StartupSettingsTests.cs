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

    private static StartupSettings Read(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:FinanceMatch"] = connectionString })
            .Build();
        return StartupSettings.Read(configuration, new HostingEnvironment { EnvironmentName = Environments.Production });
    }
}

using System.IO.Compression;
using System.Xml.Linq;

namespace FinanceMatch.UnitTests.Sdk;

/// <summary>
/// The package CI builds (scripts/test.sh packs it into artifacts/packages, or the directory FINANCEMATCH_CLIENT_PACKAGES
/// names, before the tests run): its metadata, README, XML documentation and symbols, and no dependency on the server's projects.
/// </summary>
public sealed class ClientPackageTests
{
    private const string PackagesVariable = "FINANCEMATCH_CLIENT_PACKAGES";

    private static string PackagesDirectory()
    {
        // scripts/test.sh packs into artifacts/packages and names it; a plain `dotnet test` looks there too and fails,
        // rather than skips, when nothing was packed.
        var directory = Environment.GetEnvironmentVariable(PackagesVariable);
        if (string.IsNullOrEmpty(directory))
            directory = Path.Combine(Platform.Repository.Root(), "artifacts", "packages");
        Assert.That(
            Directory.Exists(directory) && Directory.GetFiles(directory, "FinanceMatch.Client.*.nupkg").Length > 0,
            Is.True,
            $"No FinanceMatch.Client package in {directory}: scripts/test.sh packs it (dotnet pack src/FinanceMatch.Client -c Release -o artifacts/packages)."
        );
        return directory;
    }

    private static string Package(string extension)
    {
        var packages = Directory.GetFiles(PackagesDirectory(), $"FinanceMatch.Client.*.{extension}");
        Assert.That(packages, Has.Length.EqualTo(1), $"one FinanceMatch.Client .{extension} in {PackagesDirectory()}");
        return packages[0];
    }

    [Test]
    public void ThePackage_HoldsTheLibrary_ItsXmlDocs_AndItsReadme()
    {
        using var package = ZipFile.OpenRead(Package("nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.That(
            entries,
            Is.SupersetOf(
                new[]
                {
                    "FinanceMatch.Client.nuspec",
                    "README.md",
                    "lib/net10.0/FinanceMatch.Client.dll",
                    "lib/net10.0/FinanceMatch.Client.xml",
                }
            )
        );
        using var docs = new StreamReader(package.GetEntry("lib/net10.0/FinanceMatch.Client.xml")!.Open());
        var xml = docs.ReadToEnd();
        Assert.That(xml, Does.Contain("T:FinanceMatch.Client.ClientCredentialsHandler"));
        Assert.That(xml, Does.Contain("T:FinanceMatch.Client.WebhookSignatureVerifier"));
        Assert.That(
            xml,
            Does.Contain("M:FinanceMatch.Client.FinanceMatchServiceCollectionExtensions.AddFinanceMatchClient")
        );
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.That(readme.ReadToEnd(), Does.Contain("AddFinanceMatchClient").And.Contain("WebhookSignatureVerifier"));
    }

    [Test]
    public void TheNuspec_DescribesThePackage_AndDependsOnNoServerProject()
    {
        using var package = ZipFile.OpenRead(Package("nupkg"));
        using var stream = package.GetEntry("FinanceMatch.Client.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        string? Value(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.That(Value("id"), Is.EqualTo("FinanceMatch.Client"));
        Assert.That(Value("version"), Is.Not.Empty);
        Assert.That(Value("authors"), Is.Not.Empty);
        Assert.That(Value("description"), Does.Contain("FinanceMatch"));
        Assert.That(Value("tags"), Does.Contain("financematch").And.Contain("webhooks"));
        Assert.That(Value("license"), Is.EqualTo("MIT"));
        Assert.That(Value("readme"), Is.EqualTo("README.md"));
        var dependencies = nuspec
            .Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string?)e.Attribute("id"))
            .ToList();
        Assert.That(
            dependencies,
            Is.SupersetOf(new[] { "Refit", "Refit.HttpClientFactory", "Microsoft.Extensions.Http" })
        );
        Assert.That(dependencies, Has.None.StartsWith("FinanceMatch."), "the server's projects are not shipped");
    }

    [Test]
    public void TheSymbolsPackage_HoldsThePdb()
    {
        using var symbols = ZipFile.OpenRead(Package("snupkg"));

        Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/FinanceMatch.Client.pdb"));
    }
}

namespace FinanceMatch.UnitTests.Platform;

/// <summary>The repository the tests run from, for tests that read its committed files.</summary>
internal static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinanceMatch.sln")))
            directory = directory.Parent;
        return directory?.FullName
            ?? throw new InvalidOperationException("The repository root (FinanceMatch.sln) was not found.");
    }

    /// <summary>The committed OpenAPI document, the published contract.</summary>
    public static string OpenApiDocumentPath() => Path.Combine(Root(), "openapi", "v1.json");
}

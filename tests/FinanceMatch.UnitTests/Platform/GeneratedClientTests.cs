using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace FinanceMatch.UnitTests.Platform;

/// <summary>
/// A bank that does not use FinanceMatch.Client generates its own client from the published document: here NSwag, a
/// generator independent of the platform's code, writes a C# client from the committed openapi/v1.json, and Roslyn
/// compiles it. Method names come from the operationIds, so they are checked too.
/// </summary>
public sealed class GeneratedClientTests
{
    [Test]
    public async Task AClientGeneratedFromTheCommittedDocument_Compiles_WithMethodsNamedAfterTheOperations()
    {
        var document = await OpenApiDocument.FromFileAsync(Repository.OpenApiDocumentPath());
        var generator = new CSharpClientGenerator(
            document,
            new CSharpClientGeneratorSettings
            {
                ClassName = "FinanceMatchGeneratedClient",
                GenerateClientInterfaces = true,
                CSharpGeneratorSettings =
                {
                    Namespace = "Bank.Integration",
                    JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson,
                },
            }
        );
        var code = generator.GenerateFile();

        var compilation = CSharpCompilation.Create(
            "Bank.Integration",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            PlatformReferences(),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable
            )
        );
        using var assembly = new MemoryStream();
        var result = compilation.Emit(assembly);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).ToList();
        Assert.That(errors, Is.Empty, () => string.Join('\n', errors));

        assembly.Position = 0;
        var context = new AssemblyLoadContext("generated-client", isCollectible: true);
        try
        {
            var client = context.LoadFromStream(assembly).GetType("Bank.Integration.IFinanceMatchGeneratedClient")!;
            var methods = client.GetMethods().Select(m => m.Name).ToHashSet();
            Assert.That(
                methods,
                Is.SupersetOf(
                    new[] { "SubmitLoanRequestAsync", "ApproveMatchAsync", "GetReportAsync", "IssueTokenAsync" }
                )
            );
            Assert.That(
                methods,
                Has.None.Matches<string>(m => m!.StartsWith("Api", StringComparison.Ordinal)),
                "no path-made names"
            );
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The running .NET's own assemblies (System.Net.Http, System.Text.Json, DataAnnotations...).</summary>
    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path =>
                Path.GetFileName(path)!.StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll"
            )
            .Select(path => MetadataReference.CreateFromFile(path));
}

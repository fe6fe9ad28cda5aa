using System.Text.RegularExpressions;
using FinanceMatch.Core.Data;
using Mono.Cecil;
using NetArchTest.Rules;

namespace FinanceMatch.UnitTests.Platform;

/// <summary>
/// The shape of the code, held by tests: one use case a file, named after it; Core is entities, rules and the EF model;
/// a feature uses another only through what that area offers others.
/// </summary>
public sealed class ArchitectureTests
{
    private const string FeaturesNamespace = "FinanceMatch.Api.Features.";

    /// <summary>
    /// The services an area offers the others, each named here on purpose: adding one is a decision, not an accident.
    /// </summary>
    private static readonly HashSet<string> SharedServices =
    [
        "WebhookOutbox", // events for banks' webhooks, written in the transaction that makes them
        "ProfileBuilder", // a firm's profile rebuilt now (verification)
        "ReportAccessLog", // every read of a firm's data is recorded in its chain
        "ConsentCoverage", // whether a consent covers a read, as SQL
        "MatchingEngine",
        "ProductEvaluation", // the rules evaluated for one request (near misses)
        "MatchExplanation", // the stored form of a match's reasons and fit
        "RiskCover", // a loan paid out enrols in the programme covering it (disbursement)
        "LoanReports", // a bank's loanPerformance batch, applied by the feed pipeline
        "GuaranteeCover", // the guarantor covering a request (matching), and its capacity held and given back (matches, loans)
        "ListMembership", // a list's batch, applied by the feed pipeline
        "ReceiveBatch", // the feed pipeline's upload, which a list's members go through
        "PolicyCover", // the policies applying to new matches (matching), and their subsidy reserved at disbursement
        "QualityCheck", // the data-quality rules over the firms a batch touched (the profile drain)
    ];

    /// <summary>
    /// What one area may use of another: its <c>&lt;Area&gt;Access</c> (who may see what), the triggers that start its
    /// work, its settings, its shared services, and the messages of its use cases (a <c>Command</c> sent, a <c>Job</c>
    /// enqueued).
    /// </summary>
    private static bool IsOfferedToOtherAreas(TypeReference type, string topLevelName) =>
        topLevelName.EndsWith("Access", StringComparison.Ordinal)
        || topLevelName.EndsWith("Trigger", StringComparison.Ordinal)
        || topLevelName.EndsWith("Options", StringComparison.Ordinal)
        || SharedServices.Contains(topLevelName)
        || (type.IsNested && type.Name is "Job" or "Command" or "Query");

    [Test]
    public void Core_ReferencesNoAspNetAndNoNpgsqlCommands()
    {
        var result = Types
            .InAssembly(typeof(FinanceMatchDbContext).Assembly)
            .ShouldNot()
            .HaveDependencyOnAny(
                "Microsoft.AspNetCore",
                "Npgsql.NpgsqlCommand",
                "Npgsql.NpgsqlBatch",
                "Npgsql.NpgsqlParameter",
                "Npgsql.NpgsqlConnection",
                "Npgsql.NpgsqlDataReader",
                "Npgsql.NpgsqlBinaryImporter"
            )
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void EveryFeatureFile_DeclaresTheTypeItIsNamedAfter()
    {
        var features = Path.Combine(RepositoryRoot(), "src", "FinanceMatch.Api", "Features");
        var misnamed = Directory
            .EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .Where(file =>
                !Regex.IsMatch(
                    File.ReadAllText(file),
                    $@"\b(class|record|interface|enum|struct)\s+{Regex.Escape(Path.GetFileNameWithoutExtension(file))}\b"
                )
            )
            .Select(file => Path.GetRelativePath(features, file))
            .ToList();

        Assert.That(features, Does.Exist);
        Assert.That(misnamed, Is.Empty);
    }

    [Test]
    public void EverySqlFile_IsEmbedded_AndEveryStatementTheCodeLoadsExists()
    {
        var root = RepositoryRoot();
        var embedded = FinanceMatch.Api.Infrastructure.Sql.LoadAll();
        var files = Directory
            .EnumerateFiles(
                Path.Combine(root, "src", "FinanceMatch.Api", "Features"),
                "*.sql",
                SearchOption.AllDirectories
            )
            .Select(f =>
                $"{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))}.{Path.GetFileNameWithoutExtension(f)}"
            )
            .ToList();
        var loaded = Directory
            .EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f =>
                Regex.Matches(File.ReadAllText(f), @"Sql\.Load\(""([^""]+)""\)").Select(m => m.Groups[1].Value)
            )
            .Distinct()
            .ToList();

        Assert.That(files, Is.Not.Empty);
        Assert.That(embedded.Keys, Is.EquivalentTo(files), "each .sql file beside a slice is an embedded resource");
        Assert.That(loaded, Is.SubsetOf(embedded.Keys), "each statement the code loads by name exists");
    }

    [Test]
    public void TypeAliases_FollowTheOneConvention()
    {
        // A Core type whose name the wire vocabulary also has is DomainX; a wire type is pinned by its own name.
        var root = RepositoryRoot();
        var wrong = new[] { "src", "tests", "benchmarks" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .SelectMany(f =>
                Regex
                    .Matches(
                        File.ReadAllText(f),
                        @"^using (\w+) = (FinanceMatch\.(?:Core|Client\.Contracts)\.[\w.]+);",
                        RegexOptions.Multiline
                    )
                    .Select(m => (Alias: m.Groups[1].Value, Target: m.Groups[2].Value, File: Path.GetFileName(f)))
            )
            .Where(a =>
                a.Alias
                != (a.Target.StartsWith("FinanceMatch.Core.", StringComparison.Ordinal) ? "Domain" : "")
                    + a.Target.Split('.')[^1]
            )
            .Select(a => $"{a.File}: {a.Alias} = {a.Target}")
            .ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void AFeature_UsesAnotherOnlyThroughWhatThatAreaOffers()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var area = AreaOf(type);
            if (area is null)
                continue;
            foreach (var used in TypesUsedBy(type).SelectMany(WithGenericArguments))
            {
                var usedArea = AreaOf(used);
                if (usedArea is null || usedArea == area)
                    continue;
                var topLevel = TopLevel(used);
                if (!IsOfferedToOtherAreas(used, topLevel.Name))
                    violations.Add(
                        $"{area}: {TopLevel(type).Name} uses {usedArea}.{topLevel.Name}{(used.IsNested ? "." + used.Name : "")}"
                    );
            }
        }

        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void TheAreaRule_SeesAUseOfAnotherAreasInternals()
    {
        // The rule above must be able to fail: a mapping helper of one area is not offered to others.
        using var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var mapping = module.GetTypes().Single(t => t.FullName == FeaturesNamespace + "Matches.MatchMapping");
        var access = module.GetTypes().Single(t => t.FullName == FeaturesNamespace + "Matches.MatchAccess");

        Assert.That(IsOfferedToOtherAreas(mapping, mapping.Name), Is.False);
        Assert.That(IsOfferedToOtherAreas(access, access.Name), Is.True);
        Assert.That(AreaOf(mapping), Is.EqualTo("Matches"));
    }

    private static TypeReference TopLevel(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    /// <summary>The feature area a type belongs to (Features.&lt;Area&gt;, sub-folders included), or null outside Features.</summary>
    private static string? AreaOf(TypeReference type)
    {
        var ns = TopLevel(type.GetElementType()).Namespace;
        return ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal)
            ? ns[FeaturesNamespace.Length..].Split('.')[0]
            : null;
    }

    private static IEnumerable<TypeReference> TypesUsedBy(TypeDefinition type)
    {
        if (type.BaseType is not null)
            yield return type.BaseType;
        foreach (var i in type.Interfaces)
            yield return i.InterfaceType;
        foreach (var field in type.Fields)
            yield return field.FieldType;
        foreach (var method in type.Methods)
        {
            yield return method.ReturnType;
            foreach (var parameter in method.Parameters)
                yield return parameter.ParameterType;
            if (!method.HasBody)
                continue;
            foreach (var variable in method.Body.Variables)
                yield return variable.VariableType;
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        yield return t;
                        break;
                    case MethodReference m:
                        yield return m.DeclaringType;
                        if (m is GenericInstanceMethod g)
                            foreach (var argument in g.GenericArguments)
                                yield return argument;
                        break;
                    case FieldReference f:
                        yield return f.DeclaringType;
                        break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> WithGenericArguments(TypeReference type)
    {
        yield return type;
        if (type is GenericInstanceType generic)
            foreach (var argument in generic.GenericArguments.SelectMany(WithGenericArguments))
                yield return argument;
    }

    private static string RepositoryRoot() => Repository.Root();
}

using System.Reflection;
using System.Text;
using System.Text.Json;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Feeds.Parsing;
using FluentValidation;
using Microsoft.Extensions.Options;
using DomainBatchFormat = FinanceMatch.Core.Feeds.BatchFormat;
using DomainFeedSchema = FinanceMatch.Core.Feeds.FeedSchema;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using DomainFieldError = FinanceMatch.Core.Feeds.FieldError;
using Features = FinanceMatch.Api.Features;

namespace FinanceMatch.UnitTests.Platform;

/// <summary>
/// The examples of the OpenAPI document are valid input: every validator of the API that checks a body (its own, or the
/// command's that carries it) passes it, it survives the wire format, and the raw bodies are the rows and the form they
/// claim to be.
/// </summary>
public sealed class OpenApiExampleTests
{
    private static readonly Assembly Api = typeof(OpenApiExamples).Assembly;

    /// <summary>
    /// What a validator's constructor may ask for: the clock at the moment the examples are written for, and the
    /// webhook rules of Production (https only, no private addresses). A validator asking for anything else is skipped.
    /// </summary>
    private static readonly Dictionary<Type, object> Services = new()
    {
        [typeof(TimeProvider)] = new FixedClock(OpenApiExamples.AsOf),
        [typeof(IOptions<Features.Webhooks.WebhookOptions>)] = Options.Create(
            new Features.Webhooks.WebhookOptions { AllowHttp = false, AllowPrivateNetworks = false }
        ),
    };

    /// <summary>The commands that take a body's fields one by one (not the body itself), by body.</summary>
    private static readonly Dictionary<Type, Type[]> FlattenedInto = new()
    {
        [typeof(CreateDepartmentBody)] = [typeof(Features.Departments.CreateDepartment.Command)],
        [typeof(CreateFeedSourceBody)] = [typeof(Features.Feeds.CreateFeedSource.Command)],
        [typeof(CreateInstitutionBody)] = [typeof(Features.Institutions.CreateInstitution.Command)],
        [typeof(GrantConsentBody)] = [typeof(Features.Consents.GrantConsent.Command)],
        [typeof(RegisterEnterpriseBody)] = [typeof(Features.Enterprises.RegisterEnterprise.Command)],
        [typeof(RotateSecretBody)] = [typeof(Features.Auth.RotateSecret.Command)],
        [typeof(SubmitVerificationBody)] = [typeof(Features.Enterprises.SubmitVerification.Command)],
        [typeof(TokenBody)] = [typeof(Features.Auth.IssueToken.Command)],
        [typeof(TransferRecordsBody)] = [typeof(Features.Departments.TransferDepartmentRecords.Command)],
        [typeof(VerificationDecisionBody)] =
        [
            typeof(Features.Enterprises.VerifyEnterprise.Command),
            typeof(Features.Enterprises.RejectEnterprise.Command),
        ],
    };

    /// <summary>The id a command gets for what the route gives it (the match, the loan, the department).</summary>
    private static readonly Guid RouteId = Guid.Parse("f4ff2959-320c-4512-ab1a-348476716c39");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    [Test]
    public void EveryRequestBodyOfTheContract_HasAnExample()
    {
        var bodies = typeof(FinanceMatchJson)
            .Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(TokenBody).Namespace && t.Name.EndsWith("Body", StringComparison.Ordinal))
            .ToList();
        // A body only ever nested in another (a loan request's consent, a what-if's ask) is shown in that example.
        var nested = bodies
            .SelectMany(b => b.GetProperties())
            .Select(p => p.PropertyType)
            .Where(t => bodies.Contains(t))
            .ToHashSet();

        Assert.That(OpenApiExamples.Bodies.Keys, Is.EquivalentTo(bodies.Except(nested)));
    }

    [Test]
    public void EveryExample_PassesEveryValidatorThatChecksIt()
    {
        var validators = TypesOf(Api)
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false })
            .Select(t => (Validator: t, Validated: ValidatedType(t)))
            .Where(v => v.Validated is not null)
            .Select(v => (v.Validator, Validated: v.Validated!))
            .ToList();
        var passed = new List<string>();
        var failures = new List<string>();
        var skipped = new SortedSet<string>(StringComparer.Ordinal);
        var unvalidated = new List<string>();

        foreach (var (type, example) in OpenApiExamples.Bodies.OrderBy(p => p.Key.Name, StringComparer.Ordinal))
        {
            var checkedBy = 0;
            foreach (var (validatorType, validated) in validators)
            {
                var asBody = validated == type;
                if (!asBody && !Carries(validated, type))
                    continue;
                var validator = Construct(validatorType);
                if (validator is null)
                {
                    skipped.Add(NameOf(validatorType));
                    continue;
                }
                checkedBy++;
                var check = $"{type.Name} by {NameOf(validatorType)}";
                try
                {
                    var instance = asBody ? example : CommandCarrying(validated, type, example);
                    var result = validator.Validate(new ValidationContext<object>(instance));
                    var errors = result.Errors.Select(f => $"{f.PropertyName}: {f.ErrorMessage}");
                    if (result.IsValid)
                        passed.Add(check);
                    else
                        failures.Add($"{check}: {string.Join("; ", errors)}");
                }
                catch (Exception e)
                {
                    var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                    failures.Add($"{check} threw {cause.GetType().Name}: {cause.Message}");
                }
            }
            if (checkedBy == 0)
                unvalidated.Add(type.Name);
        }

        TestContext.Out.WriteLine($"Valid ({passed.Count}): {string.Join(", ", passed)}");
        if (skipped.Count > 0)
            TestContext.Out.WriteLine(
                $"Skipped (constructors asking for more than a clock and webhook options): {string.Join(", ", skipped)}"
            );
        if (unvalidated.Count > 0)
            TestContext.Out.WriteLine($"Checked by no validator: {string.Join(", ", unvalidated)}");
        foreach (var failure in failures)
            TestContext.Out.WriteLine($"INVALID {failure}");
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(
                unvalidated,
                Is.Empty,
                "each example is checked by a validator; commands taking a body's fields one by one go in FlattenedInto"
            );
        });
    }

    [Test]
    public void EveryExample_IsOfItsType_AndSurvivesTheWireFormat()
    {
        var broken = new List<string>();
        foreach (var (type, example) in OpenApiExamples.Bodies)
        {
            if (example.GetType() != type)
            {
                broken.Add($"{type.Name}: the example is a {example.GetType().Name}");
                continue;
            }
            var json = JsonSerializer.Serialize(example, type, FinanceMatchJson.Options);
            var back = JsonSerializer.Deserialize(json, type, FinanceMatchJson.Options);
            // Records compare their lists by reference, so what came back is compared as the JSON it writes again.
            var again = back is null ? "null" : JsonSerializer.Serialize(back, type, FinanceMatchJson.Options);
            if (again != json)
                broken.Add($"{type.Name}: {json} came back as {again}");
            else if (!HoldsCollections(type) && !example.Equals(back))
                broken.Add($"{type.Name}: {json} came back as an unequal record");
        }

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public async Task TheFeedBodies_AreTheSameValidTaxRows_InEachFormat()
    {
        var csv = await TaxRowsAsync(DomainBatchFormat.Csv, "text/csv");
        var ndjson = await TaxRowsAsync(DomainBatchFormat.Ndjson, "application/x-ndjson");
        var json = await TaxRowsAsync(DomainBatchFormat.Json, "application/json");

        Assert.Multiple(() =>
        {
            Assert.That(csv, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That(ndjson, Is.EqualTo(csv));
            Assert.That(json, Is.EqualTo(csv));
        });
    }

    [Test]
    public void TheTokenForm_CarriesTheClientCredentialsOfTheJsonExample()
    {
        var form = System.Web.HttpUtility.ParseQueryString(
            OpenApiExamples.RawBodies["application/x-www-form-urlencoded"]
        );
        var token = (TokenBody)OpenApiExamples.Bodies[typeof(TokenBody)];

        Assert.Multiple(() =>
        {
            Assert.That(form["grant_type"], Is.EqualTo("client_credentials"));
            Assert.That(form["client_id"], Is.EqualTo(token.ClientId));
            Assert.That(form["client_secret"], Is.EqualTo(token.ClientSecret));
        });
    }

    /// <summary>The rows of a raw tax feed body, parsed and checked by the tax schema on the examples' day.</summary>
    private static async Task<List<object?[]>> TaxRowsAsync(DomainBatchFormat format, string mediaType)
    {
        var schema = DomainFeedSchema.For(DomainFeedType.Tax);
        var today = DateOnly.FromDateTime(OpenApiExamples.AsOf.UtcDateTime);
        await using var body = new MemoryStream(Encoding.UTF8.GetBytes(OpenApiExamples.RawBodies[mediaType]));
        await using var reader = await FeedRowReader.OpenAsync(format, body, schema, CancellationToken.None);
        var rows = new List<object?[]>();
        while (true)
        {
            var raw = new string?[schema.Fields.Count];
            var errors = new List<DomainFieldError>();
            if (!await reader.ReadAsync(raw, errors, CancellationToken.None))
                break;
            var typed = new object?[schema.Fields.Count];
            if (errors.Count == 0)
                _ = schema.TryParseRow(raw, typed, errors, today);
            Assert.That(errors, Is.Empty, $"{mediaType}, row {reader.RowNumber}: {string.Join("; ", errors)}");
            rows.Add(typed);
        }
        return rows;
    }

    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>The T of <c>AbstractValidator&lt;T&gt;</c> a type derives from, or null.</summary>
    private static Type? ValidatedType(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
                return t.GetGenericArguments()[0];
        }
        return null;
    }

    private static string NameOf(Type type) =>
        type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;

    /// <summary>
    /// The validator, made with its parameterless constructor or from <see cref="Services"/>; null if it asks for more.
    /// </summary>
    private static IValidator? Construct(Type validator)
    {
        if (validator.GetConstructor(Type.EmptyTypes) is not null)
            return (IValidator)Activator.CreateInstance(validator)!;
        foreach (var constructor in validator.GetConstructors())
        {
            var parameters = constructor.GetParameters();
            if (parameters.All(p => Services.ContainsKey(p.ParameterType)))
                return (IValidator)constructor.Invoke(parameters.Select(p => Services[p.ParameterType]).ToArray());
        }
        return null;
    }

    /// <summary>Whether the command (or query) takes the body itself, or its fields one by one.</summary>
    private static bool Carries(Type command, Type body) =>
        FlattenedInto.GetValueOrDefault(body)?.Contains(command) == true
        || command.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == body));

    /// <summary>
    /// The command as the endpoint sends it for this body: the body itself, or its fields by name; the caller
    /// anonymous, route ids <see cref="RouteId"/>, anything else its default.
    /// </summary>
    private static object CommandCarrying(Type command, Type bodyType, object body)
    {
        var constructor = command.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var fields = bodyType.GetProperties().ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var arguments = constructor.GetParameters().Select(p => ArgumentFor(p, bodyType, body, fields)).ToArray();
        return constructor.Invoke(arguments);
    }

    private static object? ArgumentFor(
        ParameterInfo parameter,
        Type bodyType,
        object body,
        Dictionary<string, PropertyInfo> fields
    )
    {
        var type = parameter.ParameterType;
        if (type == bodyType)
            return body;
        if (parameter.Name is { } name && fields.TryGetValue(name, out var field))
        {
            var value = field.GetValue(body);
            if (value is null || type.IsInstanceOfType(value))
                return value;
        }
        if (type == typeof(FinanceMatch.Api.Auth.Caller))
            return FinanceMatch.Api.Auth.Caller.Anonymous;
        if (type == typeof(Guid))
            return RouteId;
        var fallback = parameter.DefaultValue;
        if (parameter.HasDefaultValue && (fallback is null || type.IsInstanceOfType(fallback)))
            return fallback;
        if (type == typeof(string))
            return "opr_0123456789abcdef0123";
        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    /// <summary>Whether a record holds a list anywhere (records compare lists by reference, not by items).</summary>
    private static bool HoldsCollections(Type type) =>
        type.GetProperties()
            .Any(p =>
                p.PropertyType != typeof(string)
                && (
                    typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)
                    || (
                        p.PropertyType.IsClass
                        && p.PropertyType.Assembly == typeof(FinanceMatchJson).Assembly
                        && HoldsCollections(p.PropertyType)
                    )
                )
            );
}

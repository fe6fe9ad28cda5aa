using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinanceMatch.Client;

/// <summary>The JSON conventions of the FinanceMatch wire format, shared by the server and this client.</summary>
public static class FinanceMatchJson
{
    /// <summary>Applies camelCase names, camelCase enum strings (numbers refused) and strict number handling.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    /// <summary>A ready instance of the shared options.</summary>
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

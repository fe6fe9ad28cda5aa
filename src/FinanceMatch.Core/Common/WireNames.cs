using System.Text.Json;

namespace FinanceMatch.Core.Common;

public static class WireNames
{
    /// <summary>An enum value as clients see it (camelCase), for messages.</summary>
    public static string Wire(this Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

using System.Globalization;
using System.Reflection;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Query and path values as the API reads them: dates as <c>YYYY-MM-DD</c>, whatever the caller's culture.</summary>
public sealed class WireUrlParameterFormatter : DefaultUrlParameterFormatter
{
    /// <inheritdoc />
    public override string? Format(object? parameterValue, ICustomAttributeProvider attributeProvider, Type type) =>
        parameterValue switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => base.Format(parameterValue, attributeProvider, type),
        };
}

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// Wire enums (FinanceMatch.Client) and domain enums (FinanceMatch.Core) have the same member names;
/// this maps between them by name, and a unit test proves every pair lines up.
/// </summary>
public static class EnumMapping
{
    public static TTo Map<TTo>(this Enum value)
        where TTo : struct, Enum => Enum.Parse<TTo>(value.ToString());
}

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Polls a condition that background jobs will make true, failing after a time limit.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string failure)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{failure} within {limit.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}

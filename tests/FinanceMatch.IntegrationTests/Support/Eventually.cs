namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Polls a condition that background jobs will make true, failing after a time limit.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string failure) =>
        HoldsAsync(condition, limit, () => failure);

    /// <param name="failure">Worded when the time is up, so it can show what happened meanwhile (a process's log).</param>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{failure()} within {limit.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}

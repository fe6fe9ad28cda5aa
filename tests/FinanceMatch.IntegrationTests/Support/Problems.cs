using System.Net;
using System.Text.Json;
using Refit;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Asserts that a call failed with a given status and an RFC 9457 problem body.</summary>
public static class Problems
{
    public static async Task<JsonElement> ExpectAsync(HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.CatchAsync<ApiException>(call);
        Assert.That(error!.StatusCode, Is.EqualTo(status), error.Content);
        Assert.That(
            error.ContentHeaders?.ContentType?.MediaType,
            Is.EqualTo("application/problem+json"),
            error.Content
        );
        var problem = JsonDocument.Parse(error.Content!).RootElement;
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        return problem;
    }

    /// <summary>The status a call ended with: 200 when it succeeded (for calls racing each other).</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return HttpStatusCode.OK;
        }
        catch (ApiException e)
        {
            return e.StatusCode;
        }
    }

    /// <summary>The messages of one field in a 400's (or another status's) <c>errors</c> object.</summary>
    public static async Task<string[]> ExpectFieldErrorAsync(
        string field,
        Func<Task> call,
        HttpStatusCode status = HttpStatusCode.BadRequest
    )
    {
        var problem = await ExpectAsync(status, call);
        Assert.That(problem.TryGetProperty("errors", out var errors), Is.True, problem.ToString());
        Assert.That(errors.TryGetProperty(field, out var messages), Is.True, $"no error for '{field}' in {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    public static async Task<HttpResponseMessage> ExpectRawAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return response;
    }
}

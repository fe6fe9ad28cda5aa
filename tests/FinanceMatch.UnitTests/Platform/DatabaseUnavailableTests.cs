using System.Net.Sockets;
using FinanceMatch.Api.Errors;
using Npgsql;

namespace FinanceMatch.UnitTests.Platform;

/// <summary>What a database failover throws becomes 503 with Retry-After, never 500; a client's mistake stays what it was.</summary>
public sealed class DatabaseUnavailableTests
{
    private static PostgresException Server(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    private static IEnumerable<TestCaseData> DuringAFailover()
    {
        yield return new TestCaseData(new NpgsqlException("No suitable host was found.")).SetName("no primary yet");
        yield return new TestCaseData(
            new NpgsqlException(
                "Unable to connect to a suitable host. Check inner exception for more details.",
                new AggregateException(new NpgsqlException("Failed to connect", new SocketException(111)))
            )
        ).SetName("every host refused");
        yield return new TestCaseData(Server(PostgresErrorCodes.ReadOnlySqlTransaction)).SetName(
            "write on a new standby"
        );
        yield return new TestCaseData(Server(PostgresErrorCodes.AdminShutdown)).SetName("server shutting down");
        yield return new TestCaseData(Server(PostgresErrorCodes.CannotConnectNow)).SetName("server starting up");
        yield return new TestCaseData(Server(PostgresErrorCodes.ConnectionFailure)).SetName("connection failure");
        yield return new TestCaseData(
            new InvalidOperationException(
                "An exception has been raised that is likely due to a transient failure.",
                new NpgsqlException("Exception while reading from stream", new IOException("reset"))
            )
        ).SetName("wrapped by EF");
    }

    [TestCaseSource(nameof(DuringAFailover))]
    public void AFailoversError_Is503(Exception error)
    {
        var problem = ProblemExceptionHandler.ToProblem(error);

        Assert.That(problem.Status, Is.EqualTo(503));
    }

    [Test]
    public void AServersRefusalOfTheRequestItself_IsNot503()
    {
        Assert.That(ProblemExceptionHandler.DatabaseUnavailable(Server(PostgresErrorCodes.UniqueViolation)), Is.False);
        Assert.That(ProblemExceptionHandler.DatabaseUnavailable(Server(PostgresErrorCodes.DivisionByZero)), Is.False);
        Assert.That(ProblemExceptionHandler.DatabaseUnavailable(new InvalidOperationException("other")), Is.False);
    }
}

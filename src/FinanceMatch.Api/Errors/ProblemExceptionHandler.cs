using System.Text.Json;
using FinanceMatch.Core.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinanceMatch.Api.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 problem responses. Business and client errors map to 4xx;
/// anything else is logged and answered 500 with a trace id and no internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems,
    ILogger<ProblemExceptionHandler> logger
) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogDatabaseUnavailable(
                logger,
                http.Request.Method,
                http.Request.Path,
                exception.GetBaseException().Message
            );
            http.Response.Headers.RetryAfter = "5";
        }
        else if (exception is TooManyAttemptsException tooMany)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (problem.Status >= 500)
            logger.LogError(
                exception,
                "Unhandled exception on {Method} {Path}",
                http.Request.Method,
                http.Request.Path
            );
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = problem,
                Exception = exception,
            }
        );
    }

    internal static ProblemDetails ToProblem(Exception exception) =>
        exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(ValidationErrors.From(validation.Errors))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException bad
                when ParameterBindingFailure().Match(bad.Message) is { Success: true } binding =>
                new HttpValidationProblemDetails(
                    new Dictionary<string, string[]>
                    {
                        [ValidationErrors.CamelPath(binding.Groups["name"].Value)] =
                        [
                            $"'{binding.Groups["value"].Value}' is not a valid value.",
                        ],
                    }
                )
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more fields are invalid.",
                },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = ReasonFor(bad.StatusCode),
                Detail = bad.Message,
            },
            PayloadTooLargeException tooLarge => new ProblemDetails
            {
                Status = 413,
                Title = ReasonFor(413),
                Detail = tooLarge.Message,
            },
            UnsupportedContentTypeException unsupported => new ProblemDetails
            {
                Status = 415,
                Title = ReasonFor(415),
                Detail = unsupported.Message,
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = 404,
                Title = "Not found.",
                Detail = notFound.Message,
            },
            ConflictException conflict => new ProblemDetails
            {
                Status = 409,
                Title = "Conflict.",
                Detail = conflict.Message,
            },
            UnprocessableException { Errors: { } errors } unprocessable => new HttpValidationProblemDetails(
                errors.ToDictionary()
            )
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request cannot be carried out.",
                Detail = unprocessable.Message,
            },
            TooManyAttemptsException tooMany => new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many attempts.",
                Detail = tooMany.Message,
                Type = ProblemTypes.TooManyAttempts,
            },
            UnprocessableException unprocessable => new ProblemDetails
            {
                Status = 422,
                Title = "The request cannot be carried out.",
                Detail = unprocessable.Message,
            },
            ForbiddenException forbidden => new ProblemDetails
            {
                Status = 403,
                Title = "Forbidden.",
                Detail = forbidden.Message,
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = 409,
                Title = "Conflict.",
                Detail = "The object was changed by another request; reload it and try again.",
            },
            DbUpdateException
            {
                InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            } => new ProblemDetails
            {
                Status = 409,
                Title = "Conflict.",
                Detail = DuplicateMessage(unique),
            },
            // PostgreSQL text cannot hold NUL (0x00); whatever field brought one in, the client sent text no record can store.
            PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire }
            or DbUpdateException
            {
                InnerException: PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire }
            } => new ProblemDetails
            {
                Status = 400,
                Title = "One or more fields are invalid.",
                Detail = "Text may not contain NUL (\\u0000) characters.",
            },
            _ when DatabaseUnavailable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable.",
                Detail =
                    "The database cannot be reached right now. Try again in a few seconds; a request with an Idempotency-Key is safe to repeat.",
            },
            _ => new ProblemDetails
            {
                Status = 500,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged; quote the traceId when reporting it.",
            },
        };

    /// <summary>
    /// PostgreSQL is down, restarting, failing over or refusing connections. Npgsql marks most such errors transient; a
    /// failure of its own below the server's answers (no host reachable, none of them the primary yet: "No suitable host
    /// was found", an aggregate of each host's failure) is never a client's mistake either. The server's own refusals
    /// while it fails over: shutting down or starting up (57P01–57P03), a connection failure (class 08), and a write
    /// sent to a node that has just become a standby (25006). A connection the server cut between two statements of
    /// one request is reported by the next statement as "Connection is not open".
    /// </summary>
    internal static bool DatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.IsTransient
                        || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState
                            is PostgresErrorCodes.AdminShutdown
                                or PostgresErrorCodes.CrashShutdown
                                or PostgresErrorCodes.CannotConnectNow
                                or PostgresErrorCodes.ReadOnlySqlTransaction;
                case NpgsqlException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(DatabaseUnavailable):
                    return true;
                case InvalidOperationException { Source: "Npgsql", Message: "Connection is not open" }:
                    return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string method, string path, string reason);

    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        var path = ValidationErrors.FromJsonPath(json.Path);
        return new HttpValidationProblemDetails(
            new Dictionary<string, string[]>
            {
                [path] =
                [
                    json.Message.Contains("could not be converted", StringComparison.Ordinal)
                        ? "The value has the wrong type, format or range for this field."
                        : "The body is not well-formed JSON at this point.",
                ],
            }
        )
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read.",
        };
    }

    private static string DuplicateMessage(PostgresException unique) =>
        unique.ConstraintName switch
        {
            { } name when name.Contains("uscc", StringComparison.Ordinal) =>
                "An enterprise with this USCC is already registered.",
            { } name when name.Contains("code", StringComparison.Ordinal) => "This code is already taken.",
            { } name when name.Contains("client_id", StringComparison.Ordinal) => "This client id is already taken.",
            _ => "An object with the same unique values already exists.",
        };

    // Minimal APIs report a query or route value they cannot convert only as text: 'Failed to bind parameter "int page" from "x".'
    [System.Text.RegularExpressions.GeneratedRegex(
        """^Failed to bind parameter "(?:[^"]*\s)?(?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$"""
    )]
    private static partial System.Text.RegularExpressions.Regex ParameterBindingFailure();

    private static string ReasonFor(int status) =>
        status switch
        {
            413 => "The request body is too large.",
            415 => "The content type is not supported.",
            _ => "The request is not valid.",
        };
}

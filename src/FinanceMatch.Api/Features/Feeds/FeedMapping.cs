using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FluentValidation;
using FluentValidation.Results;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using DomainBatch = FinanceMatch.Core.Feeds.FeedBatch;

namespace FinanceMatch.Api.Features.Feeds;

internal static class FeedMapping
{
    public static BatchDto ToDto(this DomainBatch b) =>
        new(b.Id, b.DepartmentId, b.FeedType.Map<FeedType>(), b.Format.Map<BatchFormat>(), b.Status.Map<BatchStatus>(), b.ReceivedAt,
            b.StartedAt, b.CompletedAt, b.TotalRows, b.AcceptedRows, b.RejectedRows, b.Progress, b.FailureReason, b.PayloadBytes, b.SourceId);

    /// <summary>A feed type named in a path or query (camelCase on the wire, any case accepted); unknown names are a 400 on that field.</summary>
    public static DomainFeedType ParseFeedType(string? value, string field = "feedType") =>
        EnumText.Parse<DomainFeedType>(value, field);
}

/// <summary>Enum values in paths and query strings: names only (never numbers), any case; otherwise a 400 naming the field.</summary>
public static class EnumText
{
    public static T Parse<T>(string? value, string field) where T : struct, Enum
    {
        if (value is not null && !value.Any(char.IsAsciiDigit) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        var names = string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)));
        throw new ValidationException([new ValidationFailure(field, $"'{value}' is not one of: {names}.")]);
    }

    public static T? ParseOptional<T>(string? value, string field) where T : struct, Enum =>
        string.IsNullOrEmpty(value) ? null : Parse<T>(value, field);
}

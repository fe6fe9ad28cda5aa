using System.Globalization;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Domain = FinanceMatch.Core.Objections;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Objections;

internal static class ObjectionMapping
{
    public static ObjectionDto ToDto(this Domain.Objection o, DateTimeOffset now) =>
        new(
            o.Id,
            o.EnterpriseId,
            o.Uscc,
            o.FeedType.Map<FeedType>(),
            o.RecordKey,
            o.DepartmentId,
            o.Reason,
            o.Status.Map<ObjectionStatus>(),
            o.IsOverdue(now),
            o.ResolutionNote,
            o.CreatedAt,
            o.ResolvedAt
        );
}

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

/// <summary>Who may see an objection: its firm and operators.</summary>
internal static class ObjectionAccess
{
    /// <summary>An objection is seen by its firm and by operators; to anyone else it does not exist.</summary>
    public static void EnsureVisibleTo(this Domain.Objection o, Caller caller)
    {
        if (!caller.Is(Role.Operator) && !caller.IsParty(Role.Enterprise, o.EnterpriseId))
            throw new NotFoundException("No objection has this id.");
    }
}

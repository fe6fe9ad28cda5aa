using System.Net;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Domain = FinanceMatch.Core.Webhooks;

namespace FinanceMatch.Api.Features.Webhooks;

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this Domain.Webhook w) =>
        new(w.Id, w.InstitutionId, w.Url, w.Events.Select(e => e.Map<WebhookEvent>()).ToList(), w.CreatedAt);
}

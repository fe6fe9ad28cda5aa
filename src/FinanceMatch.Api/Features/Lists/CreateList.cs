using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainFirmList = FinanceMatch.Core.Lists.FirmList;
using DomainListKind = FinanceMatch.Core.Lists.ListKind;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// A department (for itself) or an operator (for a department) publishes a list: its name, kind, validity and the banks
/// it is shared with. Members come by upload (<see cref="UploadListMembers"/>).
/// </summary>
public static class CreateList
{
    public sealed record Command(Caller Caller, CreateListBody Body) : IRequest<ListDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).MustBeValidBody(new BodyValidator());
    }

    public sealed class BodyValidator : AbstractValidator<CreateListBody>
    {
        public BodyValidator()
        {
            RuleFor(b => b.Name).NotEmpty().MaximumLength(200);
            RuleFor(b => b.Kind).IsInEnum();
            RuleFor(b => b.Description).MaximumLength(2000);
            RuleFor(b => b.ValidTo)
                .GreaterThanOrEqualTo(b => b.ValidFrom)
                .When(b => b.ValidTo is not null)
                .WithMessage("validTo cannot be before validFrom.");
            RuleFor(b => b.SharedWith)
                .Must(s => s is null || s.Count <= DomainFirmList.MaxSharedWith)
                .WithMessage($"A list is shared with at most {DomainFirmList.MaxSharedWith} named banks.");
            RuleFor(b => b.SharedWith)
                .Must(s => s is null || s.Count == 0)
                .When(b => b.SharedWithAllBanks)
                .WithMessage("A list shared with every bank names no banks; leave sharedWith empty.");
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ListDto>
    {
        public async ValueTask<ListDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var body = command.Body;
            var departmentId = await Departments.DepartmentAccess.OwningDepartmentAsync(
                db,
                command.Caller,
                body.DepartmentId,
                "list",
                ct
            );
            var banks = (body.SharedWith ?? []).Distinct().ToList();
            var known = await db
                .Institutions.Where(i => banks.Contains(i.Id) && i.Kind == Core.Institutions.InstitutionKind.Bank)
                .CountAsync(ct);
            if (known != banks.Count)
                throw UnprocessableException.For("sharedWith", "Every id in sharedWith must be a bank's.");
            var now = clock.GetUtcNow();
            var list = DomainFirmList.Create(
                departmentId,
                body.Name,
                body.Kind.Map<DomainListKind>(),
                body.Description,
                body.ValidFrom,
                body.ValidTo,
                body.SharedWithAllBanks,
                banks,
                now
            );
            db.Lists.Add(list);
            await db.SaveChangesAsync(ct);
            return list.ToDtoFor(command.Caller, DateOnly.FromDateTime(now.UtcDateTime), null);
        }
    }

    internal static async Task<Created<ListDto>> Endpoint(
        CreateListBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var list = await sender.Send(new Command(caller, body), ct);
        return TypedResults.Created($"/api/v1/lists/{list.Id}", list);
    }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Departments;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Departments;

public static class CreateDepartment
{
    public sealed record Command(
        string Name,
        string Code,
        IReadOnlyList<FeedType> FeedTypes,
        string? ActorClientId = null
    ) : IRequest<CreatedDepartment>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Code)
                .NotEmpty()
                .MaximumLength(32)
                .Matches("^[A-Za-z0-9][A-Za-z0-9_-]*$")
                .WithMessage("Code may hold letters, digits, '-' and '_' only.");
            RuleFor(c => c.FeedTypes).NotEmpty().WithMessage("A department must supply at least one feed type.");
            RuleForEach(c => c.FeedTypes)
                .IsInEnum()
                .Must(t =>
                    t is not (Client.Contracts.FeedType.LoanPerformance or Client.Contracts.FeedType.ListMembers)
                )
                .WithMessage(
                    "loanPerformance is pushed by banks, of their own loans, and listMembers uploaded to a list; no department supplies them as feeds."
                );
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, CredentialIssuer credentials, TimeProvider clock)
        : IRequestHandler<Command, CreatedDepartment>
    {
        public async ValueTask<CreatedDepartment> Handle(Command command, CancellationToken ct)
        {
            var department = Department.Onboard(
                command.Name,
                command.Code,
                command.FeedTypes.Select(f => f.Map<DomainFeedType>()),
                clock.GetUtcNow()
            );
            db.Departments.Add(department);
            var (credential, secret) = credentials.IssueInto(
                db,
                DomainRole.Department,
                department.Id,
                command.ActorClientId
            );
            await db.SaveChangesAsync(ct);
            var dto = ListDepartments.ToDto(department);
            return new CreatedDepartment(
                dto.Id,
                dto.Name,
                dto.Code,
                dto.FeedTypes,
                dto.CreatedAt,
                credential.ClientId,
                secret
            );
        }
    }

    internal static async Task<Created<CreatedDepartment>> Endpoint(
        CreateDepartmentBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var created = await sender.Send(
            new Command(body.Name, body.Code, body.FeedTypes ?? [], caller.RequiredClientId),
            ct
        );
        return TypedResults.Created($"/api/v1/departments/{created.Id}", created);
    }
}

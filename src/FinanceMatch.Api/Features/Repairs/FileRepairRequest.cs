using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using DomainRepairAttachment = FinanceMatch.Core.Repairs.RepairAttachment;
using DomainRepairEvidence = FinanceMatch.Core.Repairs.RepairEvidence;
using DomainRepairRequest = FinanceMatch.Core.Repairs.RepairRequest;
using DomainRepairStatus = FinanceMatch.Core.Repairs.RepairStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Repairs;

/// <summary>
/// A verified firm asks to repair one of its penalties that still counts: multipart form with <c>decisionNo</c>, a
/// <c>statement</c> of what it put right, and up to five PDF, PNG or JPEG <c>files</c> (each checked by its bytes).
/// </summary>
public static class FileRepairRequest
{
    public sealed record Evidence(string FileName, string? ContentType, byte[] Content);

    public sealed record Command(
        Caller Caller,
        Guid EnterpriseId,
        string? DecisionNo,
        string? Statement,
        IReadOnlyList<Evidence> Files
    ) : IRequest<RepairRequestDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DecisionNo)
                .Must(d => d?.Trim().Length is > 0 and <= 64)
                .WithMessage("decisionNo names the penalty (at most 64 characters).");
            RuleFor(c => c.Statement)
                .Must(s => s?.Trim().Length is > 0 and <= DomainRepairRequest.MaxStatementLength)
                .WithMessage(
                    $"Say what the firm put right in the statement (at most {DomainRepairRequest.MaxStatementLength} characters)."
                );
            RuleFor(c => c.Files)
                .Must(f => f.Count <= DomainRepairEvidence.MaxFiles)
                .WithMessage($"At most {DomainRepairEvidence.MaxFiles} files.");
            RuleForEach(c => c.Files)
                .Must(f => DomainRepairEvidence.Check(f.FileName, f.ContentType, f.Content) is null)
                .WithMessage((_, f) => DomainRepairEvidence.Check(f.FileName, f.ContentType, f.Content)!)
                .OverridePropertyName("files");
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, IOptions<ProfileOptions> options)
        : IRequestHandler<Command, RepairRequestDto>
    {
        public async ValueTask<RepairRequestDto> Handle(Command command, CancellationToken ct)
        {
            if (!command.Caller.IsParty(DomainRole.Enterprise, command.EnterpriseId))
                throw new NotFoundException("No enterprise has this id.");
            var (decisionNo, statement) = (command.DecisionNo!.Trim(), command.Statement!.Trim());
            var uscc =
                await db
                    .Enterprises.Where(e => e.Id == command.EnterpriseId)
                    .Select(e => e.Uscc)
                    .SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("No enterprise has this id.");
            var penalty =
                await db
                    .PenaltyRecords.AsNoTracking()
                    .Where(p => p.Uscc == uscc && p.DecisionNo == decisionNo)
                    .OrderByDescending(p => p.DecidedOn)
                    .FirstOrDefaultAsync(ct)
                ?? throw new UnprocessableException($"The firm has no penalty {decisionNo}.");
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (penalty.RevokedOn is not null)
                throw new ConflictException("The penalty was revoked; it does not count and needs no repair.");
            if (penalty.RepairedOn is { } repaired)
                throw new ConflictException($"The penalty was repaired on {repaired:yyyy-MM-dd}.");
            var ends = options.Value.PublicityEndsOn(penalty.Severity, penalty.DecidedOn, penalty.PublicityEndsOn);
            if (ends <= today)
                throw new ConflictException(
                    $"The penalty's publicity ended on {ends:yyyy-MM-dd}; it no longer counts and needs no repair."
                );
            if (
                await db.RepairRequests.AnyAsync(
                    r =>
                        r.DepartmentId == penalty.DepartmentId
                        && r.DecisionNo == decisionNo
                        && r.Status == DomainRepairStatus.Pending,
                    ct
                )
            )
                throw new ConflictException("A repair request for this penalty is already waiting for its department.");
            var now = clock.GetUtcNow();
            var request = DomainRepairRequest.Open(
                command.EnterpriseId,
                uscc,
                penalty.DepartmentId,
                decisionNo,
                statement,
                command
                    .Files.Select(
                        (f, i) =>
                            new DomainRepairAttachment
                            {
                                Id = Guid.CreateVersion7(now),
                                Position = i + 1,
                                FileName = f.FileName.Trim(),
                                ContentType = f.ContentType!.Split(';')[0].Trim().ToLowerInvariant(),
                                Size = f.Content.Length,
                                Content = f.Content,
                            }
                    )
                    .ToList(),
                now
            );
            db.RepairRequests.Add(request);
            await db.SaveChangesAsync(ct); // a racing second request loses on the one-pending index: 409
            return request.ToDto(
                command.Caller,
                request
                    .Attachments.OrderBy(a => a.Position)
                    .Select(a => new RepairAttachmentDto(a.Position, a.FileName, a.ContentType, a.Size))
            );
        }
    }

    /// <summary>
    /// Only the firm itself gets its form read (anyone else is answered before a byte of it is taken); the whole form is
    /// then read within the size limit; a body that is no form is 415, a malformed one 400.
    /// </summary>
    internal static async Task<Results<Created<RepairRequestDto>, ProblemHttpResult>> Endpoint(
        Guid id,
        HttpRequest request,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        if (!caller.IsParty(DomainRole.Enterprise, id))
            throw new NotFoundException("No enterprise has this id.");
        if (!request.HasFormContentType)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type.",
                detail: "Send multipart/form-data with decisionNo, statement and up to 5 files."
            );
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException malformed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The form could not be read.",
                detail: $"Send a well-formed multipart/form-data body ({malformed.Message})"
            );
        }
        var files = new List<Evidence>();
        foreach (var file in form.Files)
        {
            if (file.Length > DomainRepairEvidence.MaxFileBytes)
            {
                files.Add(new(file.FileName, file.ContentType, new byte[DomainRepairEvidence.MaxFileBytes + 1]));
                continue;
            }
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, ct);
            files.Add(new(file.FileName, file.ContentType, buffer.ToArray()));
        }
        var created = await sender.Send(
            new Command(caller, id, form["decisionNo"].FirstOrDefault(), form["statement"].FirstOrDefault(), files),
            ct
        );
        return TypedResults.Created($"/api/v1/repair-requests/{created.Id}", created);
    }
}

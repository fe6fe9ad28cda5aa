using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Repairs;

/// <summary>A repair request and its files of evidence, to its firm, the penalty's department and operators.</summary>
public static class GetRepairRequest
{
    internal static async Task<RepairRequestDto> Endpoint(
        Guid id,
        Caller caller,
        FinanceMatchDbContext db,
        CancellationToken ct
    )
    {
        var request =
            await db.RepairRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("No repair request has this id.");
        request.EnsureVisibleTo(caller);
        return request.ToDto(caller, (await RepairAccess.AttachmentsAsync(db, [id], ct))[id]);
    }

    /// <summary>The file as uploaded, as an attachment (never rendered inline by a browser), with its checked type.</summary>
    internal static async Task<IResult> AttachmentEndpoint(
        Guid id,
        int position,
        Caller caller,
        FinanceMatchDbContext db,
        CancellationToken ct
    )
    {
        var request =
            await db.RepairRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("No repair request has this id.");
        request.EnsureVisibleTo(caller);
        var file =
            await db
                .RepairAttachments.AsNoTracking()
                .SingleOrDefaultAsync(a => a.RepairRequestId == id && a.Position == position, ct)
            ?? throw new NotFoundException("The repair request has no file at this position.");
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

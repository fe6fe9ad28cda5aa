using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using FinanceMatch.Core.Identity;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;

namespace FinanceMatch.Api.Features.Departments;

/// <summary>
/// When offices merge, an operator hands every record a department supplied to its successor, which from then on is
/// the only one that may change them. One transaction, logged in the security log with the operator and the counts;
/// a successor that may not push one of the feeds is 422, one that already holds a record with the same key 409.
/// </summary>
public static class TransferDepartmentRecords
{
    public sealed record Command(Guid FromDepartmentId, Guid ToDepartmentId, string Note, string ActorClientId)
        : IRequest<RecordTransferDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ToDepartmentId)
                .NotEmpty()
                .NotEqual(c => c.FromDepartmentId)
                .WithMessage("toDepartmentId must be another department.");
            RuleFor(c => c.Note).NotEmpty().MaximumLength(2000);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, RecordTransferDto>
    {
        public async ValueTask<RecordTransferDto> Handle(Command command, CancellationToken ct)
        {
            var from =
                await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == command.FromDepartmentId, ct)
                ?? throw new NotFoundException("No department has this id.");
            var to =
                await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == command.ToDepartmentId, ct)
                ?? throw UnprocessableException.For("toDepartmentId", "No department has this id.");
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var moved = new Dictionary<string, int>();
            foreach (var schema in FeedSchema.All.Values.Where(s => s.FeedType.IsDepartmentRecord()))
            {
                await using var update = Sql.Command(
                    connection,
                    $"UPDATE financematch.{schema.Table} SET department_id = $2 WHERE department_id = $1",
                    from.Id,
                    to.Id
                );
                int count;
                try
                {
                    count = await update.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    throw new ConflictException(
                        $"The successor already holds {schema.FeedType} records with the same keys as this department's."
                    );
                }
                if (count > 0 && !to.MayPush(schema.FeedType))
                    throw UnprocessableException.For(
                        "toDepartmentId",
                        $"The successor may not push {schema.FeedType} records, which this department supplied."
                    );
                moved[System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(schema.FeedType.ToString())] = count;
            }
            // What hangs on the records moves with them: the objections and repair requests the successor now answers,
            // and the quality findings it now reads; the old department keeps none of the firms' files or disputes.
            foreach (var table in new[] { "objections", "repair_requests", "quality_findings" })
                await Sql.ExecuteAsync(
                    connection,
                    $"UPDATE financematch.{table} SET department_id = $2 WHERE department_id = $1",
                    ct,
                    from.Id,
                    to.Id
                );
            db.SecurityEvents.Add(
                SecurityEvent.Of(
                    DomainSecurityEventKind.RecordsTransferred,
                    null,
                    from.Id,
                    command.ActorClientId,
                    $"To department {to.Id} ({to.Code}): "
                        + string.Join(", ", moved.Select(m => $"{m.Value} {m.Key}"))
                        + $". {command.Note}",
                    clock.GetUtcNow()
                )
            );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new RecordTransferDto(from.Id, to.Id, moved);
        }
    }

    internal static async Task<RecordTransferDto> Endpoint(
        Guid id,
        TransferRecordsBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(id, body.ToDepartmentId, body.Note, caller.RequiredClientId), ct);
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Enterprises.Verification;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Identity;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;
using DomainSecurityEventKind = FinanceMatch.Core.Identity.SecurityEventKind;
using DomainVerificationMethod = FinanceMatch.Core.Enterprises.VerificationMethod;

namespace FinanceMatch.Api.Features.Enterprises;

/// <summary>
/// A firm proves it controls the registered firm. Every failed proof is logged in the security log, which is also the
/// count behind the limit: more than five failures in an hour and further attempts are 429 until the oldest ages out.
/// </summary>
public static class SubmitVerification
{
    public sealed record Command(Guid EnterpriseId, Caller Caller, VerificationMethod Method, string? Assertion)
        : IRequest<EnterpriseDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.Assertion).MaximumLength(16 * 1024);
        }
    }

    public sealed class Handler(
        FinanceMatchDbContext db,
        IEnumerable<IVerificationMethod> methods,
        VerificationDecision decision,
        Npgsql.NpgsqlDataSource dataSource,
        TimeProvider clock
    ) : IRequestHandler<Command, EnterpriseDto>
    {
        public async ValueTask<EnterpriseDto> Handle(Command command, CancellationToken ct)
        {
            if (!command.Caller.IsParty(DomainRole.Enterprise, command.EnterpriseId))
                throw new NotFoundException("No enterprise has this id.");
            var method =
                methods.SingleOrDefault(m =>
                    m.Method == command.Method.Map<DomainVerificationMethod>() && m.SelfService
                )
                ?? throw UnprocessableException.For(
                    "method",
                    "A firm verifies itself with businessLicence; operatorReview is an operator's decision."
                );
            // One attempt of a firm at a time (a lock on a connection of its own, across the attempt's transactions), so
            // attempts sent in parallel cannot all slip under the limit.
            await using var attempts = await dataSource.OpenConnectionAsync(ct);
            await using (
                var take = new Npgsql.NpgsqlCommand(
                    "SELECT pg_advisory_lock(hashtext('financematch.verification-attempts'), hashtext($1))",
                    attempts
                )
            )
            {
                take.Parameters.Add(new() { Value = command.EnterpriseId.ToString() });
                await take.ExecuteNonQueryAsync(ct);
            }
            try
            {
                return await AttemptAsync(command, method, ct);
            }
            finally
            {
                await using var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock_all()", attempts);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        private async Task<EnterpriseDto> AttemptAsync(
            Command command,
            IVerificationMethod method,
            CancellationToken ct
        )
        {
            await AttemptLimit.RefuseWhenTooManyAsync(
                db.SecurityEvents.Where(e =>
                    e.SubjectId == command.EnterpriseId && e.Kind == DomainSecurityEventKind.VerificationFailed
                ),
                VerificationOptions.MaxFailuresPerHour,
                TimeSpan.FromHours(1),
                clock.GetUtcNow(),
                $"More than {VerificationOptions.MaxFailuresPerHour} failed verification attempts in an hour; try again later.",
                ct
            );
            var firm = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == command.EnterpriseId, ct);
            var actor = command.Caller.RequiredClientId;
            try
            {
                var proof = await method.CheckAsync(firm, new VerificationClaim(command.Assertion, actor, null), ct);
                return GetEnterprise.ToDto(
                    await decision.VerifyAsync(firm.Id, method.Method, proof, actor, ct),
                    command.Caller
                );
            }
            catch (UnprocessableException refused)
            {
                db.ChangeTracker.Clear();
                db.SecurityEvents.Add(
                    SecurityEvent.Of(
                        DomainSecurityEventKind.VerificationFailed,
                        null,
                        firm.Id,
                        actor,
                        $"{method.Method}: {refused.Message}",
                        clock.GetUtcNow()
                    )
                );
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
        }
    }

    internal static async Task<EnterpriseDto> Endpoint(
        Guid id,
        SubmitVerificationBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(id, caller, body.Method, body.Assertion), ct);
}

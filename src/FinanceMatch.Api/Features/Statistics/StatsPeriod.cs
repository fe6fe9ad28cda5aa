using FinanceMatch.Api.Auth;
using FluentValidation;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>A statistics period: dates inclusive, in UTC; no <c>from</c> means since the beginning, no <c>to</c> means today.</summary>
public sealed record StatsPeriod(DateOnly? From, DateOnly To)
{
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static StatsPeriod Of(DateOnly? from, DateOnly? to, TimeProvider clock) =>
        new(from, to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>Operators see the whole platform; a bank sees only its own institution.</summary>
    public static Guid? ScopeOf(Caller caller) => caller.Is(DomainRole.Operator) ? null : caller.SubjectId;
}

/// <summary>
/// The contract's bounds on a period: from ≤ to, neither before 2000-01-01 (the platform has no earlier data) nor more
/// than a year after today, so no caller can make a statistics read walk an unbounded series of days.
/// </summary>
public sealed class StatsPeriodRules : AbstractValidator<StatsPeriod>
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public StatsPeriodRules(TimeProvider clock)
    {
        DateOnly Latest() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(1);
        RuleFor(p => p.From)
            .Must(from => from is null || from >= Earliest)
            .WithMessage("from must not be before 2000-01-01.")
            .Must(from => from is null || from <= Latest())
            .WithMessage("from must not be more than a year after today.");
        RuleFor(p => p.To)
            .GreaterThanOrEqualTo(Earliest)
            .WithMessage("to must not be before 2000-01-01.")
            .Must(to => to <= Latest())
            .WithMessage("to must not be more than a year after today.");
        RuleFor(p => p.To)
            .GreaterThanOrEqualTo(p => p.From!.Value)
            .When(p => p.From is not null)
            .WithMessage("to must not be before from.");
    }
}

namespace FinanceMatch.Api.Features.Profiles;

public sealed class ProfileOptions
{
    public const string Section = "Profiles";

    /// <summary>How long after the first batch of a burst the touched firms are rebuilt; the burst is coalesced into one rebuild.</summary>
    public int RebuildDelaySeconds { get; set; } = 10;

    /// <summary>
    /// How long a firm's rebuild may wait for feed batches still being processed (they are coalesced into one rebuild
    /// after the last of them): a firm's profile is never more than this behind its committed records, plus the drain.
    /// Half an hour: a province's monthly push of four feeds for 1,000,000 firms takes over five minutes to apply, and a
    /// shorter bound started a pass over every firm before the last batch, which then waited for it and asked for a
    /// second pass (docs/PERFORMANCE.md, "Province scale").
    /// </summary>
    public int RebuildMaxDelaySeconds { get; set; } = 1800;

    /// <summary>
    /// How long a penalty is publicised, and counts, after its decision, by severity (信用修复: minor 3 months, general 1
    /// year, serious 3 years); the department that supplied it may set a later <c>publicityEndsOn</c>, never an earlier one.
    /// </summary>
    public int MinorPenaltyPublicityMonths { get; set; } = 3;

    public int GeneralPenaltyPublicityMonths { get; set; } = 12;
    public int SeriousPenaltyPublicityMonths { get; set; } = 36;

    /// <summary>
    /// How many firms one step of a rebuild run (a recompute, the nightly one, a model switch-over) rebuilds in its own
    /// transaction: its progress unit, and how much a crash can make it do again.
    /// </summary>
    public int RebuildRunChunk { get; set; } = 2000;

    /// <summary>The publicity months as SQL parameters, minor, general, serious.</summary>
    public int[] PublicityMonths =>
        [MinorPenaltyPublicityMonths, GeneralPenaltyPublicityMonths, SeriousPenaltyPublicityMonths];

    /// <summary>
    /// The day a penalty stops being publicised (and counting), for reports; <c>Profiles/Sql/ReadMetrics.sql</c> applies the
    /// same rule when it counts penalties (the later of the decision plus the severity's months and the department's date).
    /// </summary>
    public DateOnly PublicityEndsOn(string severity, DateOnly decidedOn, DateOnly? departmentDate)
    {
        var months = severity switch
        {
            "minor" => MinorPenaltyPublicityMonths,
            "general" => GeneralPenaltyPublicityMonths,
            _ => SeriousPenaltyPublicityMonths,
        };
        var bySeverity = decidedOn.AddMonths(months);
        return departmentDate is { } later && later > bySeverity ? later : bySeverity;
    }
}

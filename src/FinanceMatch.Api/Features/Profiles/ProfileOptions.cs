namespace FinanceMatch.Api.Features.Profiles;

public sealed class ProfileOptions
{
    public const string Section = "Profiles";

    /// <summary>How long after the first batch of a burst the touched firms are rebuilt; the burst is coalesced into one rebuild.</summary>
    public int RebuildDelaySeconds { get; set; } = 10;
}

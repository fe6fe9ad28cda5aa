using System.Globalization;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Objections;

/// <summary>Record keys: the natural key of each feed's records without the USCC.</summary>
internal static class RecordKeys
{
    private static readonly string[] UtilityKinds = ["electricity", "water", "gas"];
    private static readonly string[] RealEstateKinds = ["mortgage", "seizure"];

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    public static string Describe(FeedType feedType) =>
        feedType switch
        {
            FeedType.Tax or FeedType.SocialSecurity => "the month, YYYY-MM",
            FeedType.Utility => "the month and kind, YYYY-MM/electricity, water or gas",
            FeedType.Penalty => "the decisionNo",
            FeedType.Judicial => "the caseNo",
            FeedType.HousingFund => "the month, YYYY-MM",
            FeedType.IntellectualProperty => "the number",
            FeedType.RealEstate => "the certificate and kind, <certificateNo>/mortgage or seizure",
            FeedType.Honour => "the kind and grant date, <kind>/YYYY-MM-DD",
            FeedType.Registration => "registration, or a listing's entryId",
            _ => "unknown",
        };

    public static bool IsWellFormed(FeedType feedType, string key) =>
        feedType switch
        {
            FeedType.Tax or FeedType.SocialSecurity => Month(key) is not null,
            FeedType.Utility => key.Split('/') is [var month, var kind]
                && Month(month) is not null
                && UtilityKinds.Contains(kind),
            FeedType.Penalty or FeedType.Judicial or FeedType.IntellectualProperty or FeedType.Registration =>
                key.Trim() == key && key.Length > 0,
            FeedType.HousingFund => Month(key) is not null,
            FeedType.RealEstate => key.LastIndexOf('/') is > 0 and var slash
                && RealEstateKinds.Contains(key[(slash + 1)..]),
            FeedType.Honour => key.Split('/') is [var kind, var day] && kind.Length > 0 && Day(day) is not null,
            _ => false,
        };

    private static DateOnly? Month(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : null;

    /// <summary>The department whose record of the firm this key names, or null when there is no such record.</summary>
    public static async Task<Guid?> DepartmentOfAsync(
        FinanceMatchDbContext db,
        string uscc,
        DomainFeedType feedType,
        string key,
        CancellationToken ct
    )
    {
        var schema = Core.Feeds.FeedSchema.For(feedType);
        // Table and key expression are the schema's own constants; the USCC and key are parameters.
        var sql =
            $"SELECT r.department_id AS \"Value\" FROM financematch.{schema.Table} r WHERE r.uscc = {{0}} AND {schema.RecordKeySql("r")} = {{1}} LIMIT 1";
        return await db.Database.SqlQueryRaw<Guid?>(sql, uscc, key).FirstOrDefaultAsync(ct);
    }
}

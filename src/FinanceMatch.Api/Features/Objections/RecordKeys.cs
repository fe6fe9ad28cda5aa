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
            _ => "unknown",
        };

    public static bool IsWellFormed(FeedType feedType, string key) =>
        feedType switch
        {
            FeedType.Tax or FeedType.SocialSecurity => Month(key) is not null,
            FeedType.Utility => key.Split('/') is [var month, var kind]
                && Month(month) is not null
                && UtilityKinds.Contains(kind),
            FeedType.Penalty or FeedType.Judicial or FeedType.IntellectualProperty => key.Trim() == key
                && key.Length > 0,
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
        switch (feedType)
        {
            case DomainFeedType.Tax:
                var taxMonth = Month(key);
                return await db
                    .TaxRecords.Where(r => r.Uscc == uscc && r.Period == taxMonth)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.SocialSecurity:
                var socialMonth = Month(key);
                return await db
                    .SocialSecurityRecords.Where(r => r.Uscc == uscc && r.Period == socialMonth)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.Utility:
                var parts = key.Split('/');
                var utilityMonth = Month(parts[0]);
                return await db
                    .UtilityRecords.Where(r => r.Uscc == uscc && r.Period == utilityMonth && r.Kind == parts[1])
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.Penalty:
                return await db
                    .PenaltyRecords.Where(r => r.Uscc == uscc && r.DecisionNo == key)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.Judicial:
                return await db
                    .JudicialRecords.Where(r => r.Uscc == uscc && r.CaseNo == key)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.HousingFund:
                var fundMonth = Month(key);
                return await db
                    .HousingFundRecords.Where(r => r.Uscc == uscc && r.Period == fundMonth)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.IntellectualProperty:
                return await db
                    .IntellectualPropertyRecords.Where(r => r.Uscc == uscc && r.Number == key)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.RealEstate:
                var slash = key.LastIndexOf('/');
                var (certificate, estateKind) = (key[..slash], key[(slash + 1)..]);
                return await db
                    .RealEstateRecords.Where(r =>
                        r.Uscc == uscc && r.CertificateNo == certificate && r.Kind == estateKind
                    )
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            case DomainFeedType.Honour:
                var honour = key.Split('/');
                var grantedOn = Day(honour[1]);
                return await db
                    .HonourRecords.Where(r => r.Uscc == uscc && r.Kind == honour[0] && r.GrantedOn == grantedOn)
                    .Select(r => (Guid?)r.DepartmentId)
                    .FirstOrDefaultAsync(ct);
            default:
                return null;
        }
    }
}

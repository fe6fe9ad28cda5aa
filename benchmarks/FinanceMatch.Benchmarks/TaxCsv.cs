using System.Globalization;
using System.Text;
using FinanceMatch.Core.Common;

namespace FinanceMatch.Benchmarks;

/// <summary>A tax feed CSV of realistic shape: firms with valid USCCs across Guangdong, each with consecutive monthly records.</summary>
internal static class TaxCsv
{
    private static readonly string[] Divisions =
    [
        "440604",
        "440605",
        "440606",
        "440703",
        "440305",
        "440106",
        "441900",
        "442000",
    ];

    public static void Write(string path, int rows, int monthsPerFirm, int seed = 20261124)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("uscc,period,taxPaid,taxableRevenue,arrears,taxCreditRating\n");
        var firstMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-monthsPerFirm);
        var ratings = new[] { "A", "A", "B", "B", "B", "M", "C", "" };
        for (var written = 0; written < rows; )
        {
            var body = Uscc.RandomBody(random.Next);
            var uscc = Uscc.Compose(Divisions[random.Next(Divisions.Length)], body);
            var revenue = random.Next(200_000, 20_000_000);
            var rating = ratings[random.Next(ratings.Length)];
            for (var m = 0; m < monthsPerFirm && written < rows; m++, written++)
            {
                var monthRevenue = revenue * (0.8 + random.NextDouble() * 0.4);
                var tax = monthRevenue * 0.03;
                var arrears = random.Next(50) == 0 ? Math.Round(tax * 0.5, 2) : 0;
                writer.Write(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{uscc},{firstMonth.AddMonths(m):yyyy-MM},{tax:0.00},{monthRevenue:0.00},{arrears:0.00},{rating}\n"
                    )
                );
            }
        }
    }

    /// <summary>A housing-fund feed CSV of the same firms' shape: contributing employees, amount paid, rare arrears.</summary>
    public static void WriteHousingFund(string path, int rows, int monthsPerFirm, int seed = 20261202)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("uscc,period,contributingEmployees,amountPaid,arrears\n");
        var firstMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-monthsPerFirm);
        for (var written = 0; written < rows; )
        {
            var uscc = Uscc.Compose(Divisions[random.Next(Divisions.Length)], Uscc.RandomBody(random.Next));
            var staff = random.Next(3, 400);
            for (var m = 0; m < monthsPerFirm && written < rows; m++, written++)
            {
                var contributors = Math.Max(1, staff + random.Next(-3, 4));
                var arrears = random.Next(60) == 0 ? contributors * 150 : 0;
                writer.Write(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{uscc},{firstMonth.AddMonths(m):yyyy-MM},{contributors},{contributors * 820.5:0.00},{arrears:0.00}\n"
                    )
                );
            }
        }
    }
}

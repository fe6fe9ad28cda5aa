using FinanceMatch.Core.Common;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;

namespace FinanceMatch.UnitTests.Matching;

public sealed class MatchStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The matched product version's terms: 1–1,000,000, 6–36 months, 3–6% a year.</summary>
    private static readonly ProductTerms Terms = new(
        "Tax loan",
        "",
        1m,
        1_000_000m,
        6,
        36,
        3m,
        6m,
        [GuaranteeType.Credit],
        [],
        [],
        [],
        new Eligibility(),
        []
    );
    private const decimal Requested = 500_000m;

    private static Match Pending() =>
        Match.Create(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            1,
            "Tax loan",
            Guid.NewGuid(),
            1,
            80,
            "[]",
            "{}",
            null,
            Now
        );

    private static Match In(MatchStatus status)
    {
        var match = Pending();
        switch (status)
        {
            case MatchStatus.Pending:
                break;
            case MatchStatus.UnderReview:
                match.Review(Now);
                break;
            case MatchStatus.Approved:
                match.Review(Now);
                match.Approve(500_000m, 4m, 24, Terms, Requested, Now);
                break;
            case MatchStatus.Accepted:
                match.Review(Now);
                match.Approve(500_000m, 4m, 24, Terms, Requested, Now);
                match.Accept(Now);
                break;
            case MatchStatus.Disbursed:
                match.Review(Now);
                match.Approve(500_000m, 4m, 24, Terms, Requested, Now);
                match.Accept(Now);
                match.Disburse(500_000m, DateOnly.FromDateTime(Now.UtcDateTime), Now);
                break;
            case MatchStatus.Declined:
                match.Decline("no", DeclineReason.Other, Now);
                break;
            case MatchStatus.Withdrawn:
                match.Withdraw(Now);
                break;
            case MatchStatus.Expired:
                match.Expire(Now);
                break;
        }
        Assert.That(match.Status, Is.EqualTo(status));
        return match;
    }

    private static readonly Dictionary<string, (Action<Match> Move, MatchStatus[] From, MatchStatus To)> Moves = new()
    {
        ["review"] = (m => m.Review(Now), [MatchStatus.Pending], MatchStatus.UnderReview),
        ["approve"] = (
            m => m.Approve(100m, 4m, 12, Terms, Requested, Now),
            [MatchStatus.UnderReview],
            MatchStatus.Approved
        ),
        ["decline"] = (
            m => m.Decline("no", DeclineReason.Other, Now),
            [MatchStatus.Pending, MatchStatus.UnderReview],
            MatchStatus.Declined
        ),
        ["accept"] = (m => m.Accept(Now), [MatchStatus.Approved], MatchStatus.Accepted),
        ["disburse"] = (
            m => m.Disburse(100m, new DateOnly(2026, 11, 24), Now),
            [MatchStatus.Accepted],
            MatchStatus.Disbursed
        ),
        ["withdraw"] = (
            m => m.Withdraw(Now),
            [MatchStatus.Pending, MatchStatus.UnderReview, MatchStatus.Approved],
            MatchStatus.Withdrawn
        ),
        ["expire"] = (m => m.Expire(Now), [MatchStatus.Pending], MatchStatus.Expired),
    };

    private static IEnumerable<TestCaseData> EveryMoveFromEveryState() =>
        from move in Moves.Keys
        from status in Enum.GetValues<MatchStatus>()
        select new TestCaseData(move, status).SetName($"{move}_From{status}");

    [TestCaseSource(nameof(EveryMoveFromEveryState))]
    public void OnlyTheDrawnTransitionsAreAllowed(string move, MatchStatus from)
    {
        var (apply, allowedFrom, to) = Moves[move];
        var match = In(from);
        if (allowedFrom.Contains(from))
        {
            apply(match);
            Assert.That(match.Status, Is.EqualTo(to));
        }
        else
        {
            Assert.Throws<ConflictException>(() => apply(match));
            Assert.That(match.Status, Is.EqualTo(from), "a refused move changes nothing");
        }
    }

    [Test]
    public void TheBanksFirstMove_IsItsFirstResponse()
    {
        var reviewed = Pending();
        reviewed.Review(Now.AddHours(3));
        reviewed.Approve(1m, 4m, 12, Terms, Requested, Now.AddHours(9));
        Assert.That(reviewed.FirstRespondedAt, Is.EqualTo(Now.AddHours(3)));

        var declined = Pending();
        declined.Decline("outside appetite", DeclineReason.OutsideRiskAppetite, Now.AddHours(5));
        Assert.That(declined.FirstRespondedAt, Is.EqualTo(Now.AddHours(5)));

        var expired = Pending();
        expired.Expire(Now.AddHours(80));
        Assert.That(expired.FirstRespondedAt, Is.Null, "expiry is the bank's silence, not a response");
    }

    [Test]
    public void Disbursing_MoreThanApproved_IsRefused()
    {
        var match = In(MatchStatus.Accepted);
        Assert.Throws<UnprocessableException>(() => match.Disburse(500_000.01m, new DateOnly(2026, 11, 24), Now));
        Assert.That(match.Status, Is.EqualTo(MatchStatus.Accepted));
    }

    [TestCase(500_000.01, 4, 24, "exceed")]
    [TestCase(100_000, 2.99, 24, "rate")]
    [TestCase(100_000, 6.01, 24, "rate")]
    [TestCase(100_000, 4, 5, "term")]
    [TestCase(100_000, 4, 37, "term")]
    public void AnOffer_OutsideTheRequestOrTheProductsTerms_IsRefused(
        decimal amount,
        decimal rate,
        int termMonths,
        string named
    )
    {
        var match = In(MatchStatus.UnderReview);
        var refused = Assert.Throws<UnprocessableException>(() =>
            match.Approve(amount, rate, termMonths, Terms, Requested, Now)
        );
        Assert.That(refused!.Message, Does.Contain(named));
        Assert.That(match.Status, Is.EqualTo(MatchStatus.UnderReview), "a refused offer changes nothing");
    }

    [Test]
    public void Disbursing_BeforeTheApproval_IsRefused()
    {
        var match = In(MatchStatus.Accepted);
        Assert.Throws<UnprocessableException>(() =>
            match.Disburse(100m, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-1), Now)
        );
        Assert.That(match.Status, Is.EqualTo(MatchStatus.Accepted));
    }
}

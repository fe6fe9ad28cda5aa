using FinanceMatch.Api.Features.Statistics;

namespace FinanceMatch.UnitTests.Statistics;

public sealed class ResponseHistogramTests
{
    [Test]
    public void WithoutResponses_ThereIsNoMedian() => Assert.That(new ResponseHistogram().MedianTenths(), Is.Null);

    [Test]
    public void AnOddCount_HasItsMiddleResponse()
    {
        var histogram = new ResponseHistogram();
        histogram.Add([5, 20, 90], [1, 1, 1]);
        Assert.That(histogram.MedianTenths(), Is.EqualTo(20));
    }

    [Test]
    public void AnEvenCount_HasTheMeanOfItsTwoMiddleResponses() // 2 h and 6 h: 4 h
    {
        var histogram = new ResponseHistogram();
        histogram.Add([20, 60], [1, 1]);
        Assert.That(histogram.MedianTenths(), Is.EqualTo(40));
    }

    [Test]
    public void RowsMerge_CountsOfTheSameTimeAddingUp()
    {
        var histogram = new ResponseHistogram();
        histogram.Add([10, 30], [2, 1]); // one day: 1.0 h twice, 3.0 h once
        histogram.Add([30, 50], [2, 4]); // another: 3.0 h twice, 5.0 h four times
        // Nine responses in order: 10 10 30 30 30 50 50 50 50; the fifth is 30.
        Assert.That(histogram.MedianTenths(), Is.EqualTo(30));
        histogram.Add([50], [1]); // ten: the fifth and sixth are 30 and 50
        Assert.That(histogram.MedianTenths(), Is.EqualTo(40));
    }

    [Test]
    public void LongTimes_BeyondTheFirstThousandTenths_AreKeptAndOrdered()
    {
        var histogram = new ResponseHistogram();
        histogram.Add([5000, 700], [2, 1]); // 500 h twice, 70 h once
        Assert.That(histogram.MedianTenths(), Is.EqualTo(5000));
        histogram.Add([100_000], [1]); // four: the second and third are 500 h
        Assert.That(histogram.MedianTenths(), Is.EqualTo(5000));
        histogram.Add([3], [3]); // seven: 3 3 3 700 5000 5000 100000; the fourth is 700
        Assert.That(histogram.MedianTenths(), Is.EqualTo(700));
    }

    [Test]
    public void ANegativeTime_IsRefused() =>
        Assert.That(() => new ResponseHistogram().Add([-1], [1]), Throws.InstanceOf<ArgumentOutOfRangeException>());
}

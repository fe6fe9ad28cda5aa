using FinanceMatch.Core.Common;

namespace FinanceMatch.UnitTests.Common;

public sealed class CodeTests
{
    [TestCase("440000")]
    [TestCase("440600")]
    [TestCase("440700")]
    [TestCase("440300")]
    [TestCase("110105")]
    [TestCase("820000")]
    public void DivisionCode_Valid(string code) => Assert.That(DivisionCode.Validate(code), Is.Null);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("44060")]
    [TestCase("4406000")]
    [TestCase("44O600")]
    [TestCase("990000")]
    [TestCase("000000")]
    public void DivisionCode_Invalid(string? code) => Assert.That(DivisionCode.Validate(code), Is.Not.Null);

    [TestCase("C39")]
    [TestCase("C13")]
    [TestCase("C43")]
    [TestCase("F51")]
    [TestCase("A01")]
    [TestCase("K70")]
    [TestCase("T98")]
    public void IndustryCode_Valid(string code) => Assert.That(IndustryCode.Validate(code), Is.Null);

    [TestCase(null)]
    [TestCase("C3")]
    [TestCase("C391")]
    [TestCase("c39")]
    [TestCase("39C")]
    [TestCase("C44")]
    [TestCase("F50")]
    [TestCase("U01")]
    [TestCase("A00")]
    public void IndustryCode_Invalid(string? code) => Assert.That(IndustryCode.Validate(code), Is.Not.Null);
}

using FinanceMatch.Api.Features.Consents;
using FinanceMatch.Core.Consents;

namespace FinanceMatch.UnitTests.Consents;

/// <summary>The worked example of docs/SECURITY.md, so the document and the code cannot drift apart.</summary>
public sealed class AccessChainTests
{
    [Test]
    public void TheDocumentedExample_HashesAsDocumented()
    {
        var first = AccessChain.Canonical(
            AccessChain.Genesis,
            Guid.Parse("01a23262-ba3b-730f-85fb-f6658335cec7"),
            "2026-12-01T16:30:05.123456+00:00",
            "bank",
            Guid.Parse("01a23262-8c11-7c3a-9d2e-5b0c1f6a7e21"),
            Guid.Parse("01a23262-9f40-7b6e-8a11-2c3d4e5f6a7b"),
            "loanAssessment",
            ["profile", "tax"]
        );
        Assert.That(
            first,
            Is.EqualTo(
                "0000000000000000000000000000000000000000000000000000000000000000|01a23262-ba3b-730f-85fb-f6658335cec7|"
                    + "2026-12-01T16:30:05.123456+00:00|bank|01a23262-8c11-7c3a-9d2e-5b0c1f6a7e21|01a23262-9f40-7b6e-8a11-2c3d4e5f6a7b|loanAssessment|profile,tax"
            )
        );
        var firstHash = AccessChain.Hash(first);
        Assert.That(firstHash, Is.EqualTo("db3258d2521656d817f5cc19184eb33dfca1c3298d8b25f9a0a27c0c0d9f7655"));

        var second = AccessChain.Canonical(
            firstHash,
            Guid.Parse("01a23263-0b1c-7d2e-8f30-415263748596"),
            "2026-12-01T16:31:10.5+00:00",
            "operator",
            null,
            null,
            null,
            ["profile"]
        );
        Assert.That(
            AccessChain.Hash(second),
            Is.EqualTo("964c1fe9315df98a345370a826af92a5fa475cc5160cbc835c2c9f99b2e99851")
        );
    }

    [Test]
    public void ChangingAnyValue_ChangesTheHash()
    {
        string Hash(string purpose, string scope) =>
            AccessChain.Hash(
                AccessChain.Canonical(
                    AccessChain.Genesis,
                    Guid.Empty,
                    "2026-12-01T00:00:00+00:00",
                    "bank",
                    Guid.Empty,
                    Guid.Empty,
                    purpose,
                    [scope]
                )
            );
        Assert.That(Hash("loanAssessment", "tax"), Is.Not.EqualTo(Hash("postLoanMonitoring", "tax")));
        Assert.That(Hash("loanAssessment", "tax"), Is.Not.EqualTo(Hash("loanAssessment", "utility")));
    }

    [Test]
    public void AReportReadsCanonicalHead_CompletedAsItsStatementDoes_IsTheRecordsCanonicalString()
    {
        var at = new DateTimeOffset(2026, 12, 1, 16, 30, 5, TimeSpan.Zero).AddTicks(1_234_560);
        var bank = new ReportAccess
        {
            Id = Guid.CreateVersion7(at),
            ActorRole = AccessActor.Bank,
            InstitutionId = Guid.NewGuid(),
            ConsentId = Guid.NewGuid(),
            Purpose = ConsentPurpose.PostLoanMonitoring,
            Scopes = [ConsentScope.Profile, ConsentScope.SocialSecurity, ConsentScope.IntellectualProperty],
            AccessedAt = at,
            PreviousHash = AccessChain.Genesis,
        };
        var @operator = new ReportAccess
        {
            Id = Guid.CreateVersion7(at),
            ActorRole = AccessActor.Operator,
            OperatorClientId = "operator",
            Scopes = [.. Enum.GetValues<ConsentScope>()],
            AccessedAt = at,
            PreviousHash = new string('a', 64),
        };

        // What Sql/RecordReportRead.sql hashes: previous hash, the head, consent id|purpose|scopes (their wire names).
        string Completed(ReportAccess a) =>
            a.PreviousHash
            + ReportAccessLog.CanonicalHead(a.Id, a.AccessedAt, a.ActorRole, a.InstitutionId)
            + (a.ConsentId?.ToString("D") ?? "")
            + "|"
            + (a.Purpose is { } purpose ? ReportAccessLog.Wire(purpose) : "")
            + "|"
            + string.Join(
                ',',
                a.Scopes.Select(s =>
                    ReportAccessLog.ScopeWireNames[Array.IndexOf(ReportAccessLog.ScopeNames, s.ToString())]
                )
            );
        Assert.That(Completed(bank), Is.EqualTo(ReportAccessLog.CanonicalOf(bank)));
        Assert.That(Completed(@operator), Is.EqualTo(ReportAccessLog.CanonicalOf(@operator)));
        Assert.That(
            ReportAccessLog.ScopeNames,
            Is.EqualTo(@operator.Scopes.Select(s => s.ToString())),
            "an operator's record lists every scope in this order"
        );
    }
}

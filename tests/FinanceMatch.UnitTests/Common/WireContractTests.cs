using FinanceMatch.Api.Errors;

namespace FinanceMatch.UnitTests.Common;

public sealed class WireContractTests
{
    private static readonly (Type Wire, Type Domain)[] EnumPairs =
    [
        (typeof(Client.Contracts.FeedType), typeof(Core.Feeds.FeedType)),
        (typeof(Client.Contracts.ObjectionStatus), typeof(Core.Objections.ObjectionStatus)),
        (typeof(Client.Contracts.WebhookEvent), typeof(Core.Webhooks.WebhookEvent)),
        (typeof(Client.Contracts.DeliveryStatus), typeof(Core.Webhooks.DeliveryStatus)),
        (typeof(Client.Contracts.Role), typeof(Core.Identity.Role)),
        (typeof(Client.Contracts.BatchFormat), typeof(Core.Feeds.BatchFormat)),
        (typeof(Client.Contracts.BatchStatus), typeof(Core.Feeds.BatchStatus)),
        (typeof(Client.Contracts.ConsentScope), typeof(Core.Consents.ConsentScope)),
        (typeof(Client.Contracts.ConsentPurpose), typeof(Core.Consents.ConsentPurpose)),
        (typeof(Client.Contracts.AlertKind), typeof(Core.Alerts.AlertKind)),
        (typeof(Client.Contracts.GuaranteeType), typeof(Core.Products.GuaranteeType)),
        (typeof(Client.Contracts.ProductStatus), typeof(Core.Products.ProductStatus)),
        (typeof(Client.Contracts.LoanRequestStatus), typeof(Core.LoanRequests.LoanRequestStatus)),
        (typeof(Client.Contracts.MatchStatus), typeof(Core.Matching.MatchStatus)),
        (typeof(Client.Contracts.LoanStatus), typeof(Core.Loans.LoanStatus)),
        (typeof(Client.Contracts.EnrolmentStatus), typeof(Core.RiskProgrammes.EnrolmentStatus)),
        (typeof(Client.Contracts.ClaimStatus), typeof(Core.RiskProgrammes.ClaimStatus)),
        (typeof(Client.Contracts.LedgerEntryKind), typeof(Core.Funds.LedgerEntryKind)),
        (typeof(Client.Contracts.InstitutionKind), typeof(Core.Institutions.InstitutionKind)),
        (typeof(Client.Contracts.GuaranteeProductStatus), typeof(Core.Guarantees.GuaranteeProductStatus)),
        (typeof(Client.Contracts.GuaranteeStatus), typeof(Core.Guarantees.GuaranteeStatus)),
        (typeof(Client.Contracts.DeclineReasonCode), typeof(Core.Matching.DeclineReason)),
        (typeof(Client.Contracts.RecomputeStatus), typeof(Core.Profiles.RebuildRunStatus)),
    ];

    [TestCaseSource(nameof(EnumPairs))]
    public void WireAndDomainEnums_HaveTheSameMembers((Type Wire, Type Domain) pair) =>
        Assert.That(Enum.GetNames(pair.Wire), Is.EquivalentTo(Enum.GetNames(pair.Domain)));

    [TestCase("Uscc", "uscc")]
    [TestCase("Consent.ExpiresAt", "consent.expiresAt")]
    [TestCase("GuaranteeTypes[0]", "guaranteeTypes[0]")]
    [TestCase("Items[2].RecordKey", "items[2].recordKey")]
    [TestCase("", "$")]
    [TestCase("Idempotency-Key", "Idempotency-Key")]
    public void ValidationPaths_AreCamelCase(string property, string expected) =>
        Assert.That(ValidationErrors.CamelPath(property), Is.EqualTo(expected));

    [TestCase("$.registeredCapital", "registeredCapital")]
    [TestCase("$.consent.expiresAt", "consent.expiresAt")]
    [TestCase("$.feedTypes[1]", "feedTypes[1]")]
    [TestCase("$", "$")]
    [TestCase(null, "$")]
    public void JsonPaths_BecomeFieldPaths(string? jsonPath, string expected) =>
        Assert.That(ValidationErrors.FromJsonPath(jsonPath), Is.EqualTo(expected));
}

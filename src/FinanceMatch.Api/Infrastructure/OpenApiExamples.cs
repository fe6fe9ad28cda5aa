using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// A realistic example of every request body of the OpenAPI document: a manufacturer in Shunde, Foshan, borrowing
/// from a bank's branch in Foshan, with the city's departments, guarantor and policies around it. Every example is
/// valid input for its endpoint (OpenApiExampleTests runs the API's validators on them), and every value is fixed
/// (ids, dates, secrets), so the document is the same from one build to the next.
/// </summary>
internal static class OpenApiExamples
{
    /// <summary>
    /// The moment the examples are written for: consents expire within a year of it, and disbursements, tax periods and
    /// founding dates lie before it. Moving the examples on means moving this (and the consents' expiry) together.
    /// </summary>
    public static readonly DateTimeOffset AsOf = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));

    // Valid USCCs (GB 32100 check character) of companies registered in Shunde (440606) and Chancheng (440604).
    private const string FirmUscc = "91440606MA4UL2K81N";
    private const string NeighbourUscc = "91440604MA53FQ7X2Y";

    // A bank's credentials as the platform issues them: bank_ and 20 hex digits; 256 random bits, base64url.
    private const string BankClientId = "bank_e724ab5b94be74f00db4";
    private const string BankClientSecret = "example-client-secret-not-a-real-one";

    // A compact JWS of the e-business-licence service (ES256): iss, aud financematch, sub the firm's USCC, its legal
    // representative, a ten-minute lifetime from AsOf and a jti. The signature is made up.
    private const string LicenceAssertion =
        "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImdkLWVsaWNlbmNlLTIwMjYtMSJ9."
        + "eyJpc3MiOiJodHRwczovL2VsaWNlbmNlLmdkLmV4YW1wbGUiLCJhdWQiOiJmaW5hbmNlbWF0Y2giLCJzdWIiOiI5"
        + "MTQ0MDYwNk1BNFVMMks4MU4iLCJsZWdhbFJlcHJlc2VudGF0aXZlIjoi6ZmI5b-X5by6IiwiaWF0IjoxNzk2MTcz"
        + "MjAwLCJleHAiOjE3OTYxNzM4MDAsImp0aSI6IjA1NGZlZGM0LWQwMzItNDMxZi1hNTM2LTRkN2YxYTMyZTBlZSJ9."
        + "VUvWkvt5pCLJpkLXJ7h2q8yVbyqbqM44b0WTg4JXd22Rk7oLvuTJEufbKbz07UGQ_bIfU6VYtJqnLBu-ZdOJqw";

    // The same three monthly tax records of two firms, in each format a department may push them.
    private const string TaxCsv =
        "uscc,period,taxPaid,taxableRevenue,arrears,taxCreditRating\n"
        + FirmUscc
        + ",2026-10,86500.00,2450000.00,0,A\n"
        + FirmUscc
        + ",2026-11,91200.50,2610000.00,0,A\n"
        + NeighbourUscc
        + ",2026-11,23400.00,780000.00,1200.00,B\n";

    private const string TaxRow1 =
        "{\"uscc\":\""
        + FirmUscc
        + "\",\"period\":\"2026-10\",\"taxPaid\":86500.00,\"taxableRevenue\":2450000.00,"
        + "\"arrears\":0,\"taxCreditRating\":\"A\"}";
    private const string TaxRow2 =
        "{\"uscc\":\""
        + FirmUscc
        + "\",\"period\":\"2026-11\",\"taxPaid\":91200.50,\"taxableRevenue\":2610000.00,"
        + "\"arrears\":0,\"taxCreditRating\":\"A\"}";
    private const string TaxRow3 =
        "{\"uscc\":\""
        + NeighbourUscc
        + "\",\"period\":\"2026-11\",\"taxPaid\":23400.00,\"taxableRevenue\":780000.00,"
        + "\"arrears\":1200.00,\"taxCreditRating\":\"B\"}";

    private const string TaxNdjson = TaxRow1 + "\n" + TaxRow2 + "\n" + TaxRow3 + "\n";
    private const string TaxJsonArray = "[\n  " + TaxRow1 + ",\n  " + TaxRow2 + ",\n  " + TaxRow3 + "\n]\n";

    private const string TokenForm =
        "grant_type=client_credentials&client_id=" + BankClientId + "&client_secret=" + BankClientSecret;

    // Declared before the examples that use them: static fields are initialised in the order they are written.
    private static readonly Guid TaxBureauId = Guid.Parse("35a15a62-b77e-4b8b-9ced-e9c8cc8d9ab5");
    private static readonly Guid SuccessorDepartmentId = Guid.Parse("3bf76ce3-8b44-4f88-890e-7681b52b08ea");
    private static readonly Guid FinanceBureauId = Guid.Parse("8e674e78-826e-4c78-b171-78555bb9fb2e");
    private static readonly Guid IndustryBureauId = Guid.Parse("24000cad-36dc-4f5c-a8f2-3bf536507016");
    private static readonly Guid BankId = Guid.Parse("a15e8872-0cac-4dcb-9a9a-d0e23d9f8f1a");
    private static readonly Guid OtherBankId = Guid.Parse("e739b515-47ad-40fa-8306-e3bfd7f43c67");
    private static readonly Guid ProductId = Guid.Parse("add11cd3-9668-48a3-b440-b698b8015fee");
    private static readonly Guid PolicyId = Guid.Parse("0d9dbc96-6707-41cb-b2ee-79d34ef31ae6");
    private static readonly Guid SpecialisedListId = Guid.Parse("579c9356-99af-4bef-b956-580c0fdf76f7");

    /// <summary>Within a year of <see cref="AsOf"/>, as a consent must be.</summary>
    private static readonly DateTimeOffset ConsentExpiry = new(2027, 11, 30, 23, 59, 59, TimeSpan.FromHours(8));

    /// <summary>
    /// An example of each JSON request body, by its C# type; serialized with
    /// FinanceMatch.Client.FinanceMatchJson.Options into the document.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, object> Bodies = new Dictionary<Type, object>
    {
        [typeof(ApproveMatchBody)] = new ApproveMatchBody(Amount: 2_500_000m, AnnualRate: 3.65m, TermMonths: 36),
        [typeof(ClaimGuaranteeBody)] = new ClaimGuaranteeBody(Loss: 1_240_000m),
        [typeof(CreateDepartmentBody)] = new CreateDepartmentBody(
            Name: "国家税务总局佛山市税务局",
            Code: "fs-tax",
            FeedTypes: [FeedType.Tax, FeedType.Honour]
        ),
        [typeof(CreateFeedSourceBody)] = new CreateFeedSourceBody(
            DepartmentId: TaxBureauId,
            FeedType: FeedType.Tax,
            BaseUrl: "https://data-exchange.fs-tax.example/financematch/v1",
            Cron: "30 2 * * *",
            ApiKey: "example-feed-api-key-not-a-real-one"
        ),
        [typeof(CreateInstitutionBody)] = new CreateInstitutionBody(
            Name: "广发银行佛山分行",
            Code: "cgb-foshan",
            Kind: InstitutionKind.Bank
        ),
        [typeof(CreateListBody)] = new CreateListBody(
            Name: "2027年佛山市专精特新中小企业培育库",
            Kind: ListKind.Specialised,
            ValidFrom: new DateOnly(2027, 1, 1),
            ValidTo: new DateOnly(2027, 12, 31),
            Description: "市工业和信息化局认定的专精特新中小企业及培育企业，每季度更新。",
            DepartmentId: IndustryBureauId,
            SharedWithAllBanks: false,
            SharedWith: [BankId, OtherBankId]
        ),
        [typeof(CreatePolicyBody)] = new CreatePolicyBody(
            Name: "佛山市2027年制造业中小微企业贷款贴息",
            Kind: PolicyKind.InterestSubsidy,
            Budget: 30_000_000m,
            CapPerLoan: 100_000m,
            ValidFrom: new DateOnly(2027, 1, 1),
            ValidTo: new DateOnly(2027, 12, 31),
            Eligibility: new PolicyEligibilityDto(
                MinGrade: "BBB",
                DivisionPrefixes: ["4406"],
                IndustryPrefixes: ["C"],
                ProductTags: ["普惠"]
            ),
            SubsidyRate: 1m,
            SubsidyMonths: 12,
            BonusAmount: null,
            Description: "对佛山市制造业中小微企业的普惠贷款按1个百分点贴息，最长12个月，每笔贷款贴息不超过10万元。",
            DepartmentId: FinanceBureauId
        ),
        [typeof(CreateRiskProgrammeBody)] = new CreateRiskProgrammeBody(
            Name: "佛山市中小微企业信贷风险补偿资金池",
            DepartmentId: FinanceBureauId,
            Budget: 200_000_000m,
            CoverageRatio: 0.4m,
            CapPerLoan: 2_000_000m,
            Eligibility: new RiskProgrammeEligibilityDto(
                Grades: ["AAA", "AA", "A", "BBB", "BB"],
                DivisionPrefixes: ["4406"],
                FirstLoansOnly: false
            ),
            ClaimWindowDays: 180,
            ValidFrom: new DateOnly(2027, 1, 1),
            ValidTo: new DateOnly(2029, 12, 31)
        ),
        [typeof(DecideClaimBody)] = new DecideClaimBody(Note: "已核对贷款合同、逾期记录与追偿凭证。"),
        [typeof(DecideGuaranteeClaimBody)] = new DecideGuaranteeClaimBody(Note: "已核对代偿申请材料与贷款逾期记录。"),
        [typeof(DeclineGuaranteeBody)] = new DeclineGuaranteeBody(
            Reason: "企业近12个月应税收入下降超过40%，超出本担保产品的风险偏好。"
        ),
        [typeof(DeclineMatchBody)] = new DeclineMatchBody(
            Reason: "企业可提供的抵押物评估价值不足以覆盖申请金额，建议引入政府性融资担保后重新申请。",
            ReasonCode: DeclineReasonCode.InsufficientCollateral
        ),
        [typeof(DisburseMatchBody)] = new DisburseMatchBody(
            Amount: 2_500_000m,
            DisbursedOn: new DateOnly(2026, 11, 18),
            FirstLoan: true,
            GuaranteeType: GuaranteeType.Credit
        ),
        [typeof(ExpressInterestBody)] = new ExpressInterestBody(
            ProductId: ProductId,
            Note: "我行可提供最高500万元、期限36个月的信用贷款，年利率3.45%起。"
        ),
        [typeof(FileClaimBody)] = new FileClaimBody(Loss: 1_240_000m),
        [typeof(FileObjectionBody)] = new FileObjectionBody(
            FeedType: FeedType.Tax,
            RecordKey: "2026-09",
            Reason: "2026年9月实际缴纳税额为86,500元，记录为8,650元，疑为录入错误，已附完税证明。"
        ),
        [typeof(FileSubsidyClaimBody)] = new FileSubsidyClaimBody(PolicyId: PolicyId, Amount: 6_250m),
        [typeof(GrantConsentBody)] = new GrantConsentBody(
            InstitutionId: BankId,
            LoanRequestId: null,
            Scopes: [ConsentScope.Profile, ConsentScope.Tax, ConsentScope.SocialSecurity, ConsentScope.Utility],
            Purpose: ConsentPurpose.LoanAssessment,
            ExpiresAt: ConsentExpiry
        ),
        [typeof(GuaranteeProductBody)] = new GuaranteeProductBody(
            Name: "佛山制造业政银担批量担保",
            Description: "政府性融资担保，担保费率0.8%/年，为佛山市制造业小微企业的银行贷款提供80%的担保。",
            CoverageRatio: 0.8m,
            AnnualFeeRate: 0.8m,
            MinAmount: 300_000m,
            MaxAmount: 10_000_000m,
            Capacity: 800_000_000m,
            DivisionPrefixes: ["4406"],
            IndustryPrefixes: ["C"],
            Eligibility: new EligibilityDto(
                MinGrade: "BB",
                ExcludeDishonestDebtors: true,
                ExcludeSeriousPenaltiesMonths: 24
            )
        ),
        [typeof(ProductBody)] = new ProductBody(
            Name: "顺德制造贷",
            Description: "面向顺德区制造业小微企业的信用及担保贷款，按纳税和社保记录核定额度，随借随还。",
            MinAmount: 500_000m,
            MaxAmount: 5_000_000m,
            MinTermMonths: 6,
            MaxTermMonths: 36,
            MinAnnualRate: 3.45m,
            MaxAnnualRate: 4.35m,
            GuaranteeTypes: [GuaranteeType.Credit, GuaranteeType.Guarantee],
            DivisionPrefixes: ["440606"],
            IndustryPrefixes: new IndustryPrefixes(Include: ["C"], Exclude: ["C25"]),
            Eligibility: new EligibilityDto(
                MinGrade: "BBB",
                MinYearsInOperation: 2,
                MinAnnualTaxPaid: 100_000m,
                MinInsuredEmployees: 10,
                ExcludeDishonestDebtors: true,
                ExcludeSeriousPenaltiesMonths: 36
            ),
            Tags: ["制造业", "普惠"],
            ListTerms: new ListTermsDto(Lists: [SpecialisedListId], RateDiscount: 0.2m)
        ),
        [typeof(ProfileWhatIfBody)] = new ProfileWhatIfBody(
            TaxPaidLast12Months: 1_150_000m,
            TaxableRevenueLast12Months: 31_800_000m,
            InsuredEmployeesLatest: 132,
            ClearArrears: true,
            Ask: new WhatIfAskBody(
                Amount: 3_000_000m,
                TermMonths: 36,
                GuaranteeTypes: [GuaranteeType.Credit, GuaranteeType.Guarantee]
            )
        ),
        [typeof(RegisterEnterpriseBody)] = new RegisterEnterpriseBody(
            Uscc: FirmUscc,
            Name: "佛山市顺德区恒创小家电制造有限公司",
            LegalRepresentative: "陈志强",
            DivisionCode: "440606",
            IndustryCode: "C38",
            EstablishedOn: new DateOnly(2016, 3, 18),
            RegisteredCapital: 5_000_000m,
            Employees: 126
        ),
        [typeof(RegisterWebhookBody)] = new RegisterWebhookBody(
            Url: "https://openapi.cgb-foshan.example/financematch/webhooks",
            Events:
            [
                WebhookEvent.MatchCreated,
                WebhookEvent.AlertRaised,
                WebhookEvent.ObjectionOpened,
                WebhookEvent.ObjectionResolved,
                WebhookEvent.ListMembersAdded,
            ],
            Secret: "example-webhook-secret-not-a-real-one"
        ),
        [typeof(RepairDecisionBody)] = new RepairDecisionBody(
            Note: "企业已缴清罚款并提交整改报告，经现场核查整改到位，自即日起该处罚不再计入信用评价。"
        ),
        [typeof(ReportLoanPerformanceBody)] = new ReportLoanPerformanceBody(
            Period: "2026-11",
            PrincipalOutstanding: 2_500_000m,
            OverdueDays: 0,
            Status: LoanStatus.Repaying
        ),
        [typeof(ResolveObjectionBody)] = new ResolveObjectionBody(
            Outcome: ObjectionOutcome.Corrected,
            Note: "经核对征管系统，2026年9月实缴税额应为86,500元，已更正并将重新推送该记录。"
        ),
        [typeof(RotateSecretBody)] = new RotateSecretBody(CurrentSecret: BankClientSecret),
        [typeof(SubmitLoanRequestBody)] = new SubmitLoanRequestBody(
            Amount: 3_000_000m,
            TermMonths: 36,
            Purpose: "购置两条自动化注塑生产线及配套模具，扩大小家电外壳产能。",
            GuaranteeTypes: [GuaranteeType.Credit, GuaranteeType.Guarantee],
            Consent: new LoanConsentBody(
                Scopes:
                [
                    ConsentScope.Profile,
                    ConsentScope.Tax,
                    ConsentScope.SocialSecurity,
                    ConsentScope.Utility,
                    ConsentScope.Registration,
                ],
                ExpiresAt: ConsentExpiry
            ),
            MaxAnnualRate: 4.2m,
            ProductId: null,
            PurposeCategory: PurposeCategory.Equipment
        ),
        [typeof(SubmitVerificationBody)] = new SubmitVerificationBody(
            Method: VerificationMethod.BusinessLicence,
            Assertion: LicenceAssertion
        ),
        [typeof(SwitchScoringModelBody)] = new SwitchScoringModelBody(Version: "2027.1"),
        [typeof(TokenBody)] = new TokenBody(ClientId: BankClientId, ClientSecret: BankClientSecret),
        [typeof(TransferRecordsBody)] = new TransferRecordsBody(
            ToDepartmentId: SuccessorDepartmentId,
            Note: "原顺德区税务局容桂税务分局并入顺德区税务局，其推送的记录随机构合并移交。"
        ),
        [typeof(VerificationDecisionBody)] = new VerificationDecisionBody(
            Note: "已核对营业执照与法定代表人身份证明，与登记信息一致。"
        ),
    };

    /// <summary>
    /// Examples of the non-JSON bodies, by media type: a tax feed batch as text/csv, as application/x-ndjson and as the
    /// application/json array (the same rows, as a string), and the application/x-www-form-urlencoded token request of
    /// RFC 6749 client credentials.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RawBodies = new Dictionary<string, string>
    {
        ["text/csv"] = TaxCsv,
        ["application/x-ndjson"] = TaxNdjson,
        ["application/json"] = TaxJsonArray,
        ["application/x-www-form-urlencoded"] = TokenForm,
    };
}

using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Sign-in and the caller's own credentials.</summary>
public interface IAuthApi
{
    /// <summary>Exchanges a client id and secret for a bearer token.</summary>
    [Post("/api/v1/auth/token")]
    Task<TokenResponse> GetTokenAsync([Body] TokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>Who the current token belongs to.</summary>
    [Get("/api/v1/auth/me")]
    Task<CallerDto> GetCallerAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the caller's own secret, given the current one; the new one is returned once, and every earlier token ends.</summary>
    [Post("/api/v1/credentials/rotate")]
    Task<ClientCredentials> RotateSecretAsync([Body] RotateSecretRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Operators manage every client's credential and read the security log.</summary>
public interface ICredentialsApi
{
    /// <summary>One credential (never its secret).</summary>
    [Get("/api/v1/credentials/{clientId}")]
    Task<CredentialDto> GetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Disables a client: it cannot sign in, and its tokens are refused at once.</summary>
    [Post("/api/v1/credentials/{clientId}/disable")]
    Task<CredentialDto> DisableAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Enables a disabled client again (tokens issued before the disable stay refused).</summary>
    [Post("/api/v1/credentials/{clientId}/enable")]
    Task<CredentialDto> EnableAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Gives a client a new secret (returned once) and ends every earlier token.</summary>
    [Post("/api/v1/credentials/{clientId}/reset")]
    Task<ClientCredentials> ResetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The append-only security log, newest first.</summary>
    [Get("/api/v1/security-events")]
    Task<Paged<SecurityEventDto>> ListEventsAsync(string? kind = null, string? clientId = null, Guid? subjectId = null,
        int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Makes a new token signing key current; tokens signed with the previous one stay valid until they expire.</summary>
    [Post("/api/v1/signing-keys/rotate")]
    Task<SigningKeyDto> RotateSigningKeyAsync(CancellationToken cancellationToken = default);
}

/// <summary>Financial institutions.</summary>
public interface IInstitutionsApi
{
    /// <summary>Onboards an institution (operators).</summary>
    [Post("/api/v1/institutions")]
    Task<CreatedInstitution> CreateAsync([Body] CreateInstitutionRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Lists institutions.</summary>
    [Get("/api/v1/institutions")]
    Task<Paged<InstitutionDto>> ListAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>One institution.</summary>
    [Get("/api/v1/institutions/{id}")]
    Task<InstitutionDto> GetAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Government departments.</summary>
public interface IDepartmentsApi
{
    /// <summary>Onboards a department (operators).</summary>
    [Post("/api/v1/departments")]
    Task<CreatedDepartment> CreateAsync([Body] CreateDepartmentRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Lists departments (operators).</summary>
    [Get("/api/v1/departments")]
    Task<Paged<DepartmentDto>> ListAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>One department (operators, or the department itself).</summary>
    [Get("/api/v1/departments/{id}")]
    Task<DepartmentDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Hands every record the department supplied to its successor, which alone may change them from then on (operators).</summary>
    [Post("/api/v1/departments/{id}/transfer-records")]
    Task<RecordTransferDto> TransferRecordsAsync(Guid id, [Body] TransferRecordsRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Registered firms.</summary>
public interface IEnterprisesApi
{
    /// <summary>A firm registers itself (no token needed).</summary>
    [Post("/api/v1/enterprises")]
    Task<RegisteredEnterprise> RegisterAsync([Body] RegisterEnterpriseRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>One firm (the firm itself, operators; banks only with the firm's consent).</summary>
    [Get("/api/v1/enterprises/{id}")]
    Task<EnterpriseDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists firms (operators), optionally by USCC; <c>verification=pending</c> is the review queue, oldest first.</summary>
    [Get("/api/v1/enterprises")]
    Task<Paged<EnterpriseDto>> ListAsync(string? uscc = null, string? verification = null, int? page = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>The firm proves it controls the firm with a signed e-business-licence assertion.</summary>
    [Post("/api/v1/enterprises/{id}/verification")]
    Task<EnterpriseDto> SubmitVerificationAsync(Guid id, [Body] SubmitVerificationRequest request, CancellationToken cancellationToken = default);

    /// <summary>An operator verifies a pending registration after reviewing it.</summary>
    [Post("/api/v1/enterprises/{id}/verify")]
    Task<EnterpriseDto> VerifyAsync(Guid id, [Body] VerificationDecisionRequest request, CancellationToken cancellationToken = default);

    /// <summary>An operator rejects a pending registration.</summary>
    [Post("/api/v1/enterprises/{id}/reject")]
    Task<EnterpriseDto> RejectAsync(Guid id, [Body] VerificationDecisionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A firm's consents to share its report.</summary>
public interface IConsentsApi
{
    /// <summary>Grants a consent (the firm itself).</summary>
    [Post("/api/v1/enterprises/{enterpriseId}/consents")]
    Task<ConsentDto> GrantAsync(Guid enterpriseId, [Body] GrantConsentRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a firm's consents, newest first (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/consents")]
    Task<Paged<ConsentDto>> ListAsync(Guid enterpriseId, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a firm's authorised report (banks with a consent in force for <paramref name="purpose"/>, loanAssessment by
    /// default; operators for supervision); every read is recorded in the firm's access chain.
    /// </summary>
    [Get("/api/v1/enterprises/{enterpriseId}/report")]
    Task<ReportDto> GetReportAsync(Guid enterpriseId, Guid? consentId = null, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>Every read of a firm's credit data, oldest first, as a hash chain (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/report-accesses")]
    Task<Paged<ReportAccessDto>> ListAccessesAsync(Guid enterpriseId, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes a consent at once (the firm itself).</summary>
    [Delete("/api/v1/enterprises/{enterpriseId}/consents/{consentId}")]
    Task RevokeAsync(Guid enterpriseId, Guid consentId, CancellationToken cancellationToken = default);
}

/// <summary>The audit of the firms' access chains (operators).</summary>
public interface IAuditApi
{
    /// <summary>Recomputes every firm's access chain and lists the records that do not fit.</summary>
    [Get("/api/v1/audit/report-accesses/verify")]
    Task<AccessChainVerificationDto> VerifyReportAccessesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Post-loan risk alerts.</summary>
public interface IAlertsApi
{
    /// <summary>The caller's alerts, newest first (a bank: its own; operators: all).</summary>
    [Get("/api/v1/alerts")]
    Task<Paged<AlertDto>> ListAsync(string? kind = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);
}

/// <summary>A bank's webhooks and their delivery log.</summary>
public interface IWebhooksApi
{
    /// <summary>Registers an endpoint for some events (banks).</summary>
    [Post("/api/v1/webhooks")]
    Task<WebhookDto> RegisterAsync([Body] RegisterWebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>The bank's webhooks.</summary>
    [Get("/api/v1/webhooks")]
    Task<IReadOnlyList<WebhookDto>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a webhook and its delivery log; pending deliveries are dropped.</summary>
    [Delete("/api/v1/webhooks/{id}")]
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A webhook's deliveries, newest first, each with every attempt: status code, error, time.</summary>
    [Get("/api/v1/webhooks/{id}/deliveries")]
    Task<Paged<WebhookDeliveryDto>> ListDeliveriesAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);
}

/// <summary>Objections: a firm disputes one of its records; operators resolve them.</summary>
public interface IObjectionsApi
{
    /// <summary>The firm disputes one of its records; the record shows as disputed in reports while the objection is open.</summary>
    [Post("/api/v1/enterprises/{enterpriseId}/objections")]
    Task<ObjectionDto> FileAsync(Guid enterpriseId, [Body] FileObjectionRequest request, CancellationToken cancellationToken = default);

    /// <summary>A firm's objections, newest first (the firm itself and operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/objections")]
    Task<Paged<ObjectionDto>> ListForEnterpriseAsync(Guid enterpriseId, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Every objection, oldest first (operators); <c>overdue=true</c> for those open past 20 days.</summary>
    [Get("/api/v1/objections")]
    Task<Paged<ObjectionDto>> ListAsync(string? status = null, bool? overdue = null, int? page = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>One objection (its firm and operators).</summary>
    [Get("/api/v1/objections/{id}")]
    Task<ObjectionDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>An operator resolves an open objection as corrected or rejected, with a note.</summary>
    [Post("/api/v1/objections/{id}/resolve")]
    Task<ObjectionDto> ResolveAsync(Guid id, [Body] ResolveObjectionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Credit profiles and the scoring model.</summary>
public interface IProfilesApi
{
    /// <summary>The scoring model in force (public).</summary>
    [Get("/api/v1/scoring-model")]
    Task<ScoringModelDto> GetModelAsync(CancellationToken cancellationToken = default);

    /// <summary>A firm's current profile (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/profile")]
    Task<ProfileDto> GetAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>A firm's past scores and grades, newest first.</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/profile/history")]
    Task<IReadOnlyList<ProfileSnapshotDto>> GetHistoryAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>Rebuilds every profile now (operators).</summary>
    [Post("/api/v1/profiles/recompute")]
    Task<RecomputeDto> RecomputeAsync(CancellationToken cancellationToken = default);
}

/// <summary>Government data feeds: pushed batches and pull sources.</summary>
public interface IFeedsApi
{
    /// <summary>Pushes a batch (departments); the content's type says its format (JSON, NDJSON or CSV).</summary>
    [Post("/api/v1/feeds/{feedType}/batches")]
    Task<BatchDto> PushAsync(FeedType feedType, [Body] HttpContent body,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>One batch (the pushing department, operators).</summary>
    [Get("/api/v1/feeds/batches/{id}")]
    Task<BatchDto> GetBatchAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The rejected rows of a batch.</summary>
    [Get("/api/v1/feeds/batches/{id}/errors")]
    Task<Paged<BatchErrorDto>> GetBatchErrorsAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The caller's batches (operators: all), newest first.</summary>
    [Get("/api/v1/feeds/batches")]
    Task<Paged<BatchDto>> ListBatchesAsync(string? feedType = null, string? status = null, int? page = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>Registers a pull source (operators).</summary>
    [Post("/api/v1/feed-sources")]
    Task<FeedSourceDto> CreateSourceAsync([Body] CreateFeedSourceRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Lists pull sources (operators).</summary>
    [Get("/api/v1/feed-sources")]
    Task<Paged<FeedSourceDto>> ListSourcesAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>One pull source (operators).</summary>
    [Get("/api/v1/feed-sources/{id}")]
    Task<FeedSourceDto> GetSourceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Pulls now, outside the schedule (operators).</summary>
    [Post("/api/v1/feed-sources/{id}/run")]
    Task<FeedSourceRunDto> RunSourceAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Banks' loan products and the public catalogue.</summary>
public interface IProductsApi
{
    /// <summary>Creates a product as a draft (banks).</summary>
    [Post("/api/v1/products")]
    Task<ProductDto> CreateAsync([Body] ProductRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces a product's terms as a new version (its own bank).</summary>
    [Put("/api/v1/products/{id}")]
    Task<ProductDto> UpdateAsync(Guid id, [Body] ProductRequest request, CancellationToken cancellationToken = default);

    /// <summary>Puts a draft or withdrawn product in the catalogue (its own bank).</summary>
    [Post("/api/v1/products/{id}/publish")]
    Task<ProductDto> PublishAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Takes a published product out of the catalogue (its own bank).</summary>
    [Post("/api/v1/products/{id}/withdraw")]
    Task<ProductDto> WithdrawAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The public catalogue: published products, filtered.</summary>
    [Get("/api/v1/products")]
    Task<Paged<ProductDto>> ListAsync(decimal? amount = null, int? termMonths = null, string? guaranteeType = null,
        Guid? institutionId = null, string? tag = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The calling bank's own products in any state.</summary>
    [Get("/api/v1/products/mine")]
    Task<Paged<ProductDto>> ListMineAsync(string? status = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>One product: published ones for anyone, drafts and withdrawn ones for their bank and operators.</summary>
    [Get("/api/v1/products/{id}")]
    Task<ProductDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The terms of one version of a product, as matches made from it saw them.</summary>
    [Get("/api/v1/products/{id}/versions/{version}")]
    Task<ProductVersionDto> GetVersionAsync(Guid id, int version, CancellationToken cancellationToken = default);
}

/// <summary>Firms' loan requests.</summary>
public interface ILoanRequestsApi
{
    /// <summary>Posts a loan request with its consent; matching starts at once (firms).</summary>
    [Post("/api/v1/loan-requests")]
    Task<LoanRequestDto> SubmitAsync([Body] SubmitLoanRequest request,
        [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>One request and its matches (the firm, operators; a matched bank sees its own match only).</summary>
    [Get("/api/v1/loan-requests/{id}")]
    Task<LoanRequestDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The firm's own requests (operators: all), newest first.</summary>
    [Get("/api/v1/loan-requests")]
    Task<Paged<LoanRequestDto>> ListAsync(string? status = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Published products the firm failed by one or two rules, with what would pass them.</summary>
    [Get("/api/v1/loan-requests/{id}/near-misses")]
    Task<Paged<NearMissDto>> GetNearMissesAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels the request; its open matches are withdrawn (the firm).</summary>
    [Post("/api/v1/loan-requests/{id}/cancel")]
    Task<LoanRequestDto> CancelAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Matches and the bank workflow on them.</summary>
public interface IMatchesApi
{
    /// <summary>A bank's inbox, a firm's matches, or all of them for operators; newest first.</summary>
    [Get("/api/v1/matches")]
    Task<Paged<MatchDto>> ListAsync(string? status = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>One match (its bank, its firm, operators).</summary>
    [Get("/api/v1/matches/{id}")]
    Task<MatchDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The bank starts assessing the firm.</summary>
    [Post("/api/v1/matches/{id}/review")]
    Task<MatchDto> ReviewAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The bank makes an offer.</summary>
    [Post("/api/v1/matches/{id}/approve")]
    Task<MatchDto> ApproveAsync(Guid id, [Body] ApproveMatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The bank says no.</summary>
    [Post("/api/v1/matches/{id}/decline")]
    Task<MatchDto> DeclineAsync(Guid id, [Body] DeclineMatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The bank pays the loan out.</summary>
    [Post("/api/v1/matches/{id}/disburse")]
    Task<MatchDto> DisburseAsync(Guid id, [Body] DisburseMatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The firm accepts an offer; its other open matches are withdrawn.</summary>
    [Post("/api/v1/matches/{id}/accept")]
    Task<MatchDto> AcceptAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Matchmaking statistics (operators: all; a bank: its own institution).</summary>
public interface IStatisticsApi
{
    /// <summary>The headline figures over the requests posted in a period (dates inclusive).</summary>
    [Get("/api/v1/stats/overview")]
    Task<StatsOverviewDto> GetOverviewAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default);

    /// <summary>The same figures per institution, product, division, industry, grade or month.</summary>
    [Get("/api/v1/stats/breakdown")]
    Task<StatsBreakdownDto> GetBreakdownAsync(string by, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default);

    /// <summary>Per department and feed type: batches, rows accepted and rejected, the last batch, and whether it went quiet (operators).</summary>
    [Get("/api/v1/stats/feeds")]
    Task<FeedStatsDto> GetFeedsAsync(CancellationToken cancellationToken = default);

    /// <summary>Brings the pre-aggregated figures up to date now, months included, instead of at the job's next round (operators).</summary>
    [Post("/api/v1/stats/refresh")]
    Task<StatsRefreshDto> RefreshAsync(CancellationToken cancellationToken = default);
}

/// <summary>What FinanceMatch calls on a department's server to pull records (the server side is the department's).</summary>
public interface IDepartmentFeedServer
{
    /// <summary>One page of records after <paramref name="cursor"/>; a null <c>nextCursor</c> means no more for now.</summary>
    [Get("/records")]
    Task<FeedPage> GetRecordsAsync(string feedType, string? cursor, int limit, CancellationToken cancellationToken = default);
}

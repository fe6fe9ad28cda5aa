using Refit;

namespace FinanceMatch.Client;

/// <summary>
/// The typed FinanceMatch API over one <see cref="HttpClient"/>, one client per party. Registered by
/// <see cref="FinanceMatchServiceCollectionExtensions.AddFinanceMatchClient"/>, it signs in by itself with the client's
/// credentials (<see cref="ClientCredentialsHandler"/>); over an <see cref="HttpClient"/> of your own, the bearer token
/// may instead be its <c>DefaultRequestHeaders.Authorization</c>. Failures are Refit's <c>ApiException</c>, whose
/// content is an RFC 9457 problem (<c>application/problem+json</c>).
/// </summary>
public sealed class FinanceMatchClient
{
    /// <summary>Refit settings using the shared wire JSON conventions.</summary>
    public static RefitSettings Settings { get; } =
        new(new SystemTextJsonContentSerializer(FinanceMatchJson.Options))
        {
            UrlParameterFormatter = new WireUrlParameterFormatter(),
        };

    /// <summary>Creates the typed API over <paramref name="http"/>, whose BaseAddress is the server root.</summary>
    public FinanceMatchClient(HttpClient http)
    {
        Http = http;
        Auth = RestService.For<IAuthApi>(http, Settings);
        Credentials = RestService.For<ICredentialsApi>(http, Settings);
        Institutions = RestService.For<IInstitutionsApi>(http, Settings);
        Departments = RestService.For<IDepartmentsApi>(http, Settings);
        Enterprises = RestService.For<IEnterprisesApi>(http, Settings);
        Feeds = RestService.For<IFeedsApi>(http, Settings);
        Profiles = RestService.For<IProfilesApi>(http, Settings);
        Consents = RestService.For<IConsentsApi>(http, Settings);
        Alerts = RestService.For<IAlertsApi>(http, Settings);
        Audit = RestService.For<IAuditApi>(http, Settings);
        Objections = RestService.For<IObjectionsApi>(http, Settings);
        Repairs = RestService.For<IRepairsApi>(http, Settings);
        Webhooks = RestService.For<IWebhooksApi>(http, Settings);
        Products = RestService.For<IProductsApi>(http, Settings);
        LoanRequests = RestService.For<ILoanRequestsApi>(http, Settings);
        Matches = RestService.For<IMatchesApi>(http, Settings);
        Statistics = RestService.For<IStatisticsApi>(http, Settings);
        Loans = RestService.For<ILoansApi>(http, Settings);
        RiskProgrammes = RestService.For<IRiskProgrammesApi>(http, Settings);
        Guarantees = RestService.For<IGuaranteesApi>(http, Settings);
        Lists = RestService.For<IListsApi>(http, Settings);
        Policies = RestService.For<IPoliciesApi>(http, Settings);
        DemandHall = RestService.For<IDemandHallApi>(http, Settings);
    }

    /// <summary>The underlying HTTP client.</summary>
    public HttpClient Http { get; }

    /// <summary>Sign-in and credentials.</summary>
    public IAuthApi Auth { get; }

    /// <summary>Credentials and the security log (operators).</summary>
    public ICredentialsApi Credentials { get; }

    /// <summary>Financial institutions.</summary>
    public IInstitutionsApi Institutions { get; }

    /// <summary>Government departments.</summary>
    public IDepartmentsApi Departments { get; }

    /// <summary>Registered firms.</summary>
    public IEnterprisesApi Enterprises { get; }

    /// <summary>Data feeds.</summary>
    public IFeedsApi Feeds { get; }

    /// <summary>Credit profiles.</summary>
    public IProfilesApi Profiles { get; }

    /// <summary>Consents.</summary>
    public IConsentsApi Consents { get; }

    /// <summary>The access chains' audit.</summary>
    public IAuditApi Audit { get; }

    /// <summary>Risk alerts.</summary>
    public IAlertsApi Alerts { get; }

    /// <summary>Objections to records.</summary>
    public IObjectionsApi Objections { get; }

    /// <summary>Credit repair requests.</summary>
    public IRepairsApi Repairs { get; }

    /// <summary>Webhooks and their deliveries.</summary>
    public IWebhooksApi Webhooks { get; }

    /// <summary>Loan products.</summary>
    public IProductsApi Products { get; }

    /// <summary>Loan requests.</summary>
    public ILoanRequestsApi LoanRequests { get; }

    /// <summary>Matches and the bank workflow.</summary>
    public IMatchesApi Matches { get; }

    /// <summary>Matchmaking statistics.</summary>
    public IStatisticsApi Statistics { get; }

    /// <summary>Loans after disbursement and the banks' reports on them.</summary>
    public ILoansApi Loans { get; }

    /// <summary>Risk-compensation programmes, their ledgers and claims.</summary>
    public IRiskProgrammesApi RiskProgrammes { get; }

    /// <summary>Guarantee products of guarantors and insurers.</summary>
    public IGuaranteesApi Guarantees { get; }

    /// <summary>Departments' lists of firms and banks' subscriptions.</summary>
    public IListsApi Lists { get; }

    /// <summary>Government policies, their ledgers and subsidy claims.</summary>
    public IPoliciesApi Policies { get; }

    /// <summary>The demand hall of requests nobody took.</summary>
    public IDemandHallApi DemandHall { get; }
}

using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Alerts;
using FinanceMatch.Api.Features.Auth;
using FinanceMatch.Api.Features.Consents;
using FinanceMatch.Api.Features.Credentials;
using FinanceMatch.Api.Features.Dashboard;
using FinanceMatch.Api.Features.DemandHall;
using FinanceMatch.Api.Features.Departments;
using FinanceMatch.Api.Features.Enterprises;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.GovernmentPolicies;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Api.Features.Institutions;
using FinanceMatch.Api.Features.Lists;
using FinanceMatch.Api.Features.LoanRequests;
using FinanceMatch.Api.Features.Loans;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Features.Objections;
using FinanceMatch.Api.Features.Products;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Api.Features.Quality;
using FinanceMatch.Api.Features.Repairs;
using FinanceMatch.Api.Features.RiskProgrammes;
using FinanceMatch.Api.Features.Statistics;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;

if (args is ["probe", .. var probeArgs])
    return await ContainerProbe.RunAsync(probeArgs);

var builder = WebApplication.CreateBuilder(args);
var settings = StartupSettings.Read(builder.Configuration, builder.Environment);

if (!settings.RunsHttp)
{
    var worker = Host.CreateApplicationBuilder(args);
    worker.Services.AddFinanceMatchCore(worker.Configuration, settings);
    using var host = worker.Build();
    await host.Services.PrepareAsync();
    await host.RunAsync();
    return 0;
}

builder.Services.AddFinanceMatchCore(builder.Configuration, settings);
builder.Services.AddFinanceMatchHttp(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRateLimiter();
app.UseVerificationGate(); // before authorization: an unverified firm learns nothing else, not even which role an endpoint wants
app.UseAuthorization();
app.UseIdempotencyBuffering();

app.MapOpenApi("/openapi/{documentName}.json");
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "FinanceMatch API v1");
    o.RoutePrefix = "swagger";
    o.DocumentTitle = "FinanceMatch API";
});
app.MapHealthEndpoints();
app.MapMetricsEndpoint();
app.MapDashboard();
app.MapAuthEndpoints();
app.MapCredentialEndpoints();
app.MapInstitutionEndpoints();
app.MapDepartmentEndpoints();
app.MapEnterpriseEndpoints();
app.MapFeedEndpoints();
app.MapProfileEndpoints();
app.MapConsentEndpoints();
app.MapAlertEndpoints();
app.MapObjectionEndpoints();
app.MapRepairEndpoints();
app.MapQualityEndpoints();
app.MapWebhookEndpoints();
app.MapProductEndpoints();
app.MapLoanRequestEndpoints();
app.MapMatchEndpoints();
app.MapLoanEndpoints();
app.MapGuaranteeEndpoints();
app.MapRiskProgrammeEndpoints();
app.MapListEndpoints();
app.MapPolicyEndpoints();
app.MapDemandHallEndpoints();
app.MapStatisticsEndpoints();
if (!settings.IsGeneratingOpenApiDocument)
    app.MapJobDashboard();

await app.Services.PrepareAsync();
await app.RunAsync();
return 0;

public partial class Program;

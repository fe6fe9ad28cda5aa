# syntax=docker/dockerfile:1
# Build: docker build -t financematch .
# Run:   docker compose up   (PostgreSQL, one API process and one worker process)

# Node.js 22 LTS for the dashboard bundle, which the API project's own MSBuild target builds (npm ci + esbuild).
FROM node:22-bookworm-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props FinanceMatch.sln ./
COPY src/FinanceMatch.Core/FinanceMatch.Core.csproj src/FinanceMatch.Core/
COPY src/FinanceMatch.Client/FinanceMatch.Client.csproj src/FinanceMatch.Client/
COPY src/FinanceMatch.Api/FinanceMatch.Api.csproj src/FinanceMatch.Api/
COPY migrations/FinanceMatch.Migrations.csproj migrations/
RUN dotnet restore src/FinanceMatch.Api/FinanceMatch.Api.csproj
COPY dashboard/package.json dashboard/package-lock.json dashboard/build.mjs dashboard/
COPY dashboard/src/ dashboard/src/
COPY src/ src/
COPY migrations/ migrations/
COPY openapi/ openapi/
# The committed openapi/v1.json is the contract; the image build does not rewrite it. The publish bundles the dashboard.
RUN dotnet publish src/FinanceMatch.Api/FinanceMatch.Api.csproj -c Release -o /app --no-restore \
      -p:OpenApiGenerateDocuments=false -p:UseAppHost=false \
 && test -f /app/wwwroot/dashboard/dashboard.js

# No curl or shell tools added: the health check is the app's own probe (`dotnet FinanceMatch.Api.dll probe`).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The Data Protection key ring (it encrypts signing keys, webhook secrets and feed-source API keys): mount a volume here,
# shared by every process, and never store it beside the database. Owned by the unprivileged user the image runs as.
RUN mkdir -p /keys && chown "$APP_UID" /keys && chmod 700 /keys
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DataProtection__KeysDirectory=/keys \
    FinanceMatch__Role=all \
    DOTNET_gcServer=0
EXPOSE 8080
# The image's built-in unprivileged user (uid 1654).
USER $APP_UID
# HTTP roles: GET /health/ready on the process's own address. The worker role sets Health__HeartbeatFile and is healthy
# while its readiness checks keep touching that file (docker-compose.yml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["dotnet", "FinanceMatch.Api.dll", "probe"]
ENTRYPOINT ["dotnet", "FinanceMatch.Api.dll"]

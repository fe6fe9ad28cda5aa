# syntax=docker/dockerfile:1
# Build: docker build -t financematch .
# Run:   docker compose up   (PostgreSQL, one API process and one worker process)

# The dashboard page: Chart.js bundled by esbuild from the pinned lockfile (scripts/build-dashboard.sh does the same).
FROM node:20-bookworm-slim AS dashboard
WORKDIR /dashboard
COPY dashboard/package.json dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY dashboard/build.mjs ./
COPY dashboard/src/ src/
RUN node build.mjs

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props FinanceMatch.sln ./
COPY src/FinanceMatch.Core/FinanceMatch.Core.csproj src/FinanceMatch.Core/
COPY src/FinanceMatch.Client/FinanceMatch.Client.csproj src/FinanceMatch.Client/
COPY src/FinanceMatch.Api/FinanceMatch.Api.csproj src/FinanceMatch.Api/
COPY migrations/FinanceMatch.Migrations.csproj migrations/
RUN dotnet restore src/FinanceMatch.Api/FinanceMatch.Api.csproj
COPY src/ src/
COPY migrations/ migrations/
COPY openapi/ openapi/
COPY --from=dashboard /src/FinanceMatch.Api/wwwroot/dashboard/ src/FinanceMatch.Api/wwwroot/dashboard/
# The committed openapi/v1.json is the contract; the image build does not rewrite it.
RUN dotnet publish src/FinanceMatch.Api/FinanceMatch.Api.csproj -c Release -o /app --no-restore \
      -p:OpenApiGenerateDocuments=false -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
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
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "FinanceMatch.Api.dll"]

#!/usr/bin/env bash
# Runs the FinanceMatch API (role "all": HTTP and job workers) against PostgreSQL.
# Usage: scripts/run.sh          (Development, http://127.0.0.1:5080)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export Bootstrap__OperatorClientId="${Bootstrap__OperatorClientId:-operator}"
export Bootstrap__OperatorClientSecret="${Bootstrap__OperatorClientSecret:-operator-dev-secret}"

dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
base="${ASPNETCORE_URLS%%;*}"
cat <<MSG

  FinanceMatch API      $base
  Swagger UI            $base/swagger
  OpenAPI document      $base/openapi/v1.json
  Job dashboard         $base/hangfire
  Operator credentials  clientId=$Bootstrap__OperatorClientId  clientSecret=$Bootstrap__OperatorClientSecret
                        (POST /api/v1/auth/token, then "Authorize" in Swagger UI with the accessToken)

MSG
exec dotnet run --project src/FinanceMatch.Api -c Release --no-build --no-launch-profile

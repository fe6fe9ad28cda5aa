#!/usr/bin/env bash
# Adds an EF Core migration to migrations/ after the model in src/FinanceMatch.Core changed.
# Usage: scripts/add-migration.sh NameOfTheChange
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project migrations/FinanceMatch.Migrations.csproj \
  --startup-project migrations/FinanceMatch.Migrations.csproj --output-dir Migrations

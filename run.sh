#!/usr/bin/env bash
# Starts CareConsole on its embedded defaults: its own PostgreSQL in .data/postgres, the offline AI model and
# demo data, at http://127.0.0.1:5080. Extra arguments go to the app (e.g. ./run.sh staff list).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/system-packages.sh
require_packages "$POSTGRESQL_PACKAGE"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet run --project CareConsole -c Release -- "$@"

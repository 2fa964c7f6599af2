#!/usr/bin/env bash
# Runs every test: unit, component, API (on a real PostgreSQL the tests start), process and browser (Chromium).
# Extra arguments go to dotnet test (e.g. ./test.sh --filter "Category!=Browser").
set -euo pipefail
cd "$(dirname "$0")"
source .ci/system-packages.sh
require_packages "$POSTGRESQL_PACKAGE" "$CHROMIUM_PACKAGE"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet test CareConsole.sln "$@"

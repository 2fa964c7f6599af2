#!/usr/bin/env bash
# Runs every test: unit, component, API (on a real PostgreSQL the tests start), process and browser (Chromium, with
# axe-core from npm for the accessibility checks).
# Extra arguments go to dotnet test (e.g. ./test.sh --filter "Category!=Browser").
set -euo pipefail
cd "$(dirname "$0")"
source .ci/system-packages.sh
require_packages "$POSTGRESQL_PACKAGE" "$CHROMIUM_PACKAGE" "$NPM_PACKAGE"
# The accessibility checks read node_modules/axe-core; reinstall it when missing or when the lock file has changed.
if [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/axe-core ]; then
    npm ci --no-audit --no-fund --silent
fi
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet test CareConsole.sln "$@"

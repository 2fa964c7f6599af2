#!/usr/bin/env bash
# Runs every test: unit, component, API, process and browser (Chromium, with axe-core from npm for the
# accessibility checks), first on SQLite, the console's default, then again on PostgreSQL (a real server the tests
# start from Debian's postgresql package). Tests of what only one engine does run on it in both passes.
# CARECONSOLE_TEST_DATABASE=Sqlite or =PostgreSQL runs one pass only.
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
dotnet build CareConsole.sln -v quiet -nologo
for database in ${CARECONSOLE_TEST_DATABASE:-Sqlite PostgreSQL}; do
    echo "Tests on $database:"
    CARECONSOLE_TEST_DATABASE=$database dotnet test CareConsole.sln --no-build "$@"
done

#!/usr/bin/env bash
# Starts CareConsole on its embedded defaults: a SQLite database in .data/, the offline AI model and demo data, at
# http://127.0.0.1:5080. Needs only the .NET 10 SDK. Extra arguments go to the app (e.g. ./run.sh staff list).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Analyzers check the code, not what it does (./test.sh builds with them); skipping them here saves a fifth of the
# first build.
exec dotnet run --project CareConsole -c Release -p:RunAnalyzers=false -- "$@"

#!/usr/bin/env bash
# Blast radius per change over a generated catalog (default 100,000 components, ~1,000,000 relations).
#   bench/blast-radius.sh [COMPONENTS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CATALOG_COMPONENTS=${1:-100000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, .NET SDK $(dotnet --version)"
dotnet run -c Release --project "$here/CatalogBench" -- --filter '*BlastRadiusBenchmark*' --job short --exporters github --artifacts "$out" > "$out/run.log"
grep -E '^// graph:' "$out/run.log" | head -1
grep -E '^\| ' "$out/run.log" | tail -3

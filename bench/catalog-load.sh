#!/usr/bin/env bash
# Catalog load against a plain YamlDotNet parse of the same generated files, in the same run, on the same machine.
# Prints BenchmarkDotNet's table and the ratio CatalogRead / YamlStreamLoad (target: <= 1.5).
#
#   bench/catalog-load.sh [COMPONENTS]      # default 100000 (about 1,000,000 declared relations)
#
# A short custom job (1 warm-up, 3 measured single invocations per benchmark) keeps a 100k run to a few minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CATALOG_COMPONENTS=${1:-100000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), .NET SDK $(dotnet --version)"
dotnet run -c Release --project "$here/CatalogBench" -- \
  --filter '*CatalogLoadBenchmark*' --launchCount 1 --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1 \
  --exporters github --artifacts "$out" > "$out/run.log"
grep -E '^// catalog:' "$out/run.log" | head -1
table=$(grep -E '^\| ' "$out/run.log" | tail -5)
echo "$table"
# Ratio straight from BenchmarkDotNet's Ratio column (CatalogRead mean / YamlStreamLoad mean).
echo "$table" | awk -F'|' '
  NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/ /, "", h); col[h] = i }; next }
  { m = $col["Method"]; gsub(/ /, "", m); r = $col["Ratio"]; gsub(/ /, "", r); ratio[m] = r }
  END {
    printf "ratio CatalogRead / YamlStreamLoad = %s (target <= 1.5)\n", ratio["CatalogRead"]
    printf "ratio ParserEventsOnly / YamlStreamLoad = %s (the floor: tokenising alone)\n", ratio["ParserEventsOnly"]
  }'

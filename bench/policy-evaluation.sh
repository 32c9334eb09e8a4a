#!/usr/bin/env bash
# Policy decision cost: the default policy compiled once and evaluated per change, against parse + compile +
# evaluate every time (the baseline), on a busy change (60 files, 8 touched / 40 reached components, 400 people).
#   bench/policy-evaluation.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, .NET SDK $(dotnet --version)"
dotnet run -c Release --project "$here/CatalogBench" -- --filter '*PolicyEvaluationBenchmark*' --job short --exporters github --artifacts "$out" > "$out/run.log"
grep -E '^\| ' "$out/run.log" | tail -4

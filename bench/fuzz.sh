#!/usr/bin/env bash
# Fuzzes every parser of untrusted input in-process (bench/Fuzz): INPUTS deterministic inputs per parser
# (default 1,000,000), seed SEED, on every core. Each parser runs in its own process, so one that gets stuck
# (a watchdog stops it after 60 s on one input) does not stop the others. Findings (input + exception) go to
# bench/Fuzz/findings/; a table per parser is printed at the end and kept in bench/Fuzz/findings/results.tsv.
#
#   bench/fuzz.sh                      # 1,000,000 inputs per parser
#   INPUTS=20000 bench/fuzz.sh policy  # fewer inputs, some parsers
#   MAX_SECONDS=1800 bench/fuzz.sh     # stop each parser after 30 minutes and report what it ran
#   SKIP_BUILD=1 bench/fuzz.sh         # use the last build of bench/Fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
INPUTS="${INPUTS:-1000000}"
SEED="${SEED:-1}"
MAX_SECONDS="${MAX_SECONDS:-86400}"
OUT=bench/Fuzz/findings
mkdir -p "$OUT"
[ -n "${SKIP_BUILD:-}" ] || dotnet build bench/Fuzz -c Release -v q -nologo >/dev/null
FUZZ=bench/Fuzz/bin/Release/net10.0/Countersign.Fuzz
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <("$FUZZ" list)
fi
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
for target in "${TARGETS[@]}"; do
  echo "$(date -u +%H:%M:%S) $target: $INPUTS inputs, seed $SEED" >&2
  "$FUZZ" run "$target" --inputs "$INPUTS" --seed "$SEED" --out "$OUT" --max-seconds "$MAX_SECONDS" | tee -a "$RESULTS" >&2 || true
done
echo
printf '%-14s %10s %8s %6s %12s %10s %14s %8s\n' parser inputs crashes hangs "p99.9 (ms)" "max (ms)" "max alloc (MiB)" seconds
while IFS=$'\t' read -r name inputs crashes hangs p999 max alloc _index seconds; do
  printf '%-14s %10s %8s %6s %12s %10s %14s %8s\n' "$name" "$inputs" "$crashes" "$hangs" "$p999" "$max" "$alloc" "${seconds%% *}"
done < "$RESULTS"

#!/usr/bin/env bash
# Compares a full `countersign scan` from scratch with `git log --numstat` over the same commits,
# in the same run, on the same machine. Prints one row per run and the ratios.
#
#   bench/scan-vs-git-log.sh REPO [RUNS] [REV]
#
# REPO must be a complete repository (git log --numstat must succeed on it); REV defaults to HEAD.
set -euo pipefail
repo=$(cd "$1" && pwd)
runs=${2:-3}
rev=${3:-HEAD}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# ReadyToRun (ahead-of-time compiled) as a release build would ship; plain publish if crossgen is unavailable.
dotnet publish "$here/src/Countersign.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/bin" --nologo -v q >/dev/null ||
  dotnet publish "$here/src/Countersign.Cli" -c Release -o "$out/bin" --nologo -v q >/dev/null
commits=$(git -C "$repo" rev-list --count "$rev")
echo "repository: $repo ($commits commits at $rev)"
echo "machine: $(nproc) cores, $(git --version), $(dotnet --version)"

measure() { # label, command...: prints wall seconds and the peak RSS (MB) of the command's own process
  local label=$1; shift
  local start end pid hwm=0 v
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$out/err" & pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/VmHWM/{print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$v" ] && hwm=$v
    sleep 0.05
  done
  wait "$pid" || { echo "$label failed:"; cat "$out/err"; exit 1; }
  end=$(date +%s.%N)
  echo "$label $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b - a}') $((hwm / 1024))"
}

for i in $(seq 1 "$runs"); do
  measure git-log git -C "$repo" log --numstat "$rev"
  rm -f "$out/scan.db"*
  measure scan "$out/bin/countersign" scan "$repo" --rev "$rev" --db "$out/scan.db" --no-progress --json
  measure rescan "$out/bin/countersign" scan "$repo" --rev "$rev" --db "$out/scan.db" --no-progress --json
done | tee "$out/results"

awk '
  { t[$1] += $2; n[$1]++; if ($3 > m[$1]) m[$1] = $3 }
  END {
    g = t["git-log"] / n["git-log"]; s = t["scan"] / n["scan"]; r = t["rescan"] / n["rescan"];
    printf "mean git log --numstat: %.2f s (git peak %d MB)\n", g, m["git-log"];
    printf "mean full scan:         %.2f s (countersign peak %d MB, git runs beside it)  ratio %.2fx\n", s, m["scan"], s / g;
    printf "mean no-op rescan:      %.2f s (peak %d MB)  %.1f%% of a full scan\n", r, m["rescan"], 100 * r / s;
  }' "$out/results"

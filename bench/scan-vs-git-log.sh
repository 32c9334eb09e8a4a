#!/usr/bin/env bash
# A full `countersign scan` from scratch against `git log --numstat` over the same commits, and a rescan with
# nothing new, on one or more repositories. Alternating pairs (odd runs git first, even runs the scan first);
# medians. Prints the raw rows, then a markdown table ready for docs/benchmarks.md.
#
#   bench/scan-vs-git-log.sh [-n RUNS] [-r REV] REPO...
#
# CPU time is user + sys of the whole process tree (countersign and every git it starts, as getrusage
# counts waited-for children), read from /usr/bin/time: on a machine shared with other work it is the figure
# to trust; wall time only on an idle machine. The CLI is built the way users build it: a plain
# `dotnet publish src/Countersign.Cli -c Release` (COUNTERSIGN_BIN=DIR uses an existing build instead).
# REPO must be complete (git log --numstat must succeed); it is only read: the database goes to a temp folder.
set -euo pipefail
runs=5
rev=HEAD
while getopts n:r: opt; do
  case $opt in
    n) runs=$OPTARG ;;
    r) rev=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [-r REV] REPO..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-n RUNS] [-r REV] REPO..." >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bin=${COUNTERSIGN_BIN:-}
if [ -z "$bin" ]; then
  echo "building: dotnet publish src/Countersign.Cli -c Release" >&2
  dotnet publish "$here/src/Countersign.Cli" -c Release -o "$out/bin" --nologo -v q >&2
  bin=$out/bin
fi
cs=$bin/countersign

# time LABEL COMMAND...: appends "LABEL wall cpu peak-MB" (peak: the largest single process of the tree).
timed() {
  local label=$1; shift
  /usr/bin/time -o "$out/t" -f "%e %U %S %M" "$@" >/dev/null 2>"$out/err" || { echo "$label failed:" >&2; cat "$out/err" >&2; exit 1; }
  awk -v l="$label" '{ printf "%s %.2f %.2f %d\n", l, $1, $2 + $3, $4 / 1024 }' "$out/t"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rows=()
for repo in "$@"; do
  repo=$(cd "$repo" && pwd)
  commits=$(git -C "$repo" rev-list --count "$rev")
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "== $repo: $commits commits at $rev, load average $load at start" >&2
  : >"$out/rows"
  for i in $(seq 1 "$runs"); do
    rm -f "$out"/scan.db*
    if [ $((i % 2)) -eq 1 ]; then
      timed git-log git -C "$repo" log --numstat "$rev" >>"$out/rows"
      timed scan "$cs" scan "$repo" --rev "$rev" --db "$out/scan.db" --no-progress --json >>"$out/rows"
    else
      timed scan "$cs" scan "$repo" --rev "$rev" --db "$out/scan.db" --no-progress --json >>"$out/rows"
      timed git-log git -C "$repo" log --numstat "$rev" >>"$out/rows"
    fi
    timed rescan "$cs" scan "$repo" --rev "$rev" --db "$out/scan.db" --no-progress --json >>"$out/rows"
    tail -3 "$out/rows" | sed "s/^/  run $i: /" >&2
  done
  col() { awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$out/rows" | median; }
  gw=$(col git-log 2); gc=$(col git-log 3); sw=$(col scan 2); sc=$(col scan 3); rw=$(col rescan 2); rc=$(col rescan 3)
  peak=$(awk '$1 == "scan" && $4 > m { m = $4 } END { print m }' "$out/rows")
  load_end=$(cut -d' ' -f1 /proc/loadavg)
  rows+=("$(awk -v n="$(basename "$repo")" -v k="$commits" -v gw="$gw" -v gc="$gc" -v sw="$sw" -v sc="$sc" -v rw="$rw" -v rc="$rc" -v p="$peak" -v l="$load–$load_end" -v r="$runs" 'BEGIN {
    printf "| %s | %d | %.2f s | %.2f s | **%.2f×** | %.2f s | %.2f s | **%.2f×** | %.2f s | **%.1f %%** | %.1f %% | %d MB | %s | %d |\n",
      n, k, gc, sc, sc / gc, gw, sw, sw / gw, rw, 100 * rw / sw, 100 * rc / sc, p, l, r }')")
done

echo
echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, $(git --version), .NET SDK $(dotnet --version), medians of $runs alternating pairs."
echo
echo "| repository | commits | git log CPU | scan CPU | CPU ratio | git log wall | scan wall | wall ratio | rescan wall | rescan / full (wall) | rescan / full (CPU) | peak RSS | load average | runs |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

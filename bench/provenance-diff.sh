#!/usr/bin/env bash
# Provenance before/after: scans each repository with two builds of the CLI and lists every commit whose
# classification (ai.status or ai.tools) differs, with the evidence the new build recorded and the message
# lines that look like markers, so each change can be checked by reading it.
#
#   bench/provenance-diff.sh OLD_CLI NEW_CLI REPO...
#
# OLD_CLI and NEW_CLI are the `countersign` executables of two builds (e.g. `dotnet build src/Countersign.Cli
# -c Release -o /tmp/cli-old` in a `git worktree add` of the older commit). Each REPO is scanned at HEAD into a
# fresh database under OUT (default: a temporary folder, kept); the repositories are only read. Scans run
# under `nice -n 10`. Set SCAN_ARGS to pass more scan options (e.g. SCAN_ARGS=--all); REUSE=1 with OUT keeps
# scans already finished there (their JSONL exists) instead of running them again.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 OLD_CLI NEW_CLI REPO..." >&2
  exit 2
fi
old_cli=$1 new_cli=$2
shift 2
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
echo "results in $out"

scan() { # cli label repo name
  local db="$out/$4.$2.db" jsonl="$out/$4.$2.jsonl" start end
  if [ -n "${REUSE:-}" ] && [ -s "$jsonl" ]; then echo "$4 $2: reused"; return; fi
  rm -f "$db" "$jsonl"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  nice -n 10 "$1" scan "$3" --db "$db" --commits-out "$jsonl" --no-progress --json ${SCAN_ARGS:-} > "$out/$4.$2.json"
  end=$(date +%s.%N)
  printf '%s %s: %.1f s\n' "$4" "$2" "$(echo "$end - $start" | bc)"
}

for repo in "$@"; do
  name=$(basename "${repo%/}" .git)
  scan "$old_cli" old "$repo" "$name"
  scan "$new_cli" new "$repo" "$name"
  echo "== $name ($repo)"
  python3 - "$out/$name.old.jsonl" "$out/$name.new.jsonl" "$repo" <<'PY'
import collections, json, re, subprocess, sys

def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            ai = c.get("ai", {})
            rows[c["sha"]] = (ai.get("status", "unknown"), tuple(sorted(ai.get("tools", []))), ai.get("evidence", []), ai.get("confidence", 0))
    return rows

old, new, repo = load(sys.argv[1]), load(sys.argv[2]), sys.argv[3]
if old.keys() != new.keys():
    print(f"commit sets differ: {len(old.keys() - new.keys())} only old, {len(new.keys() - old.keys())} only new")
for label, rows in (("old", old), ("new", new)):
    counts = collections.Counter(r[0] for r in rows.values())
    tools = collections.Counter(t for r in rows.values() if r[0] in ("ai", "ai-suggested") for t in r[1])
    print(f"{label}: {len(rows)} commits; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
          + "; tools " + ", ".join(f"{k} {v}" for k, v in tools.most_common()))
marker = re.compile(r"(?i)(assist|generat|co-authored|session|thread|conversation|claude|copilot|codex|cursor|gemini|aider|ai\b)")
changed = [s for s in new if s in old and old[s][:2] != new[s][:2]]
evidence_only = [s for s in new if s in old and old[s][:2] == new[s][:2] and old[s][2:] != new[s][2:]]
print(f"changed: {len(changed)} (and {len(evidence_only)} with the same class but other evidence or confidence)")
for sha in changed:
    o, n = old[sha], new[sha]
    print(f"- {sha[:10]} {o[0]} {list(o[1])} -> {n[0]} {list(n[1])}")
    for e in n[2]:
        if e not in o[2]:
            print(f"    new evidence: {e.get('kind')} {e.get('tool')} {e.get('confidence')} {e.get('text')!r}")
    body = subprocess.run(["git", "-C", repo, "show", "-s", "--format=%B", sha], capture_output=True, text=True, errors="replace").stdout
    for line in body.splitlines():
        if marker.search(line):
            print(f"    message: {line.strip()[:160]!r}")
PY
done

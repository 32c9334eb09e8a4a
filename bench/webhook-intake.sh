#!/usr/bin/env bash
# Webhook intake throughput: a real `countersign serve` on a fresh SQLite file, GitHub deliveries (the real payloads in
# /work/shared/data/github/webhooks, compact and signed) sent by bench/WebhookBench at a fixed concurrency, and the same
# load against GET /healthz on the same server as the baseline. Prints deliveries/s acknowledged (202 after the
# delivery is stored), ack latency p50/p99, and the time from receipt to worked from the server's own histogram.
#   bench/webhook-intake.sh [SECONDS=15] [CONCURRENCY=64]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
concurrency="${2:-64}"
payloads="${PAYLOADS:-/work/shared/data/github/webhooks}"
work="$(mktemp -d)"
secret="bench-secret-$RANDOM"
for project in src/Countersign.Cli bench/WebhookBench; do
  dotnet build -c Release --nologo -v q "$project" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
COUNTERSIGN_GITHUB_WEBHOOK_SECRET="$secret" COUNTERSIGN_ADMIN_TOKEN="cst_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  dotnet src/Countersign.Cli/bin/Release/net10.0/countersign.dll serve --urls http://127.0.0.1:0 --database "$work/server.db" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  url="$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | head -1 | cut -d' ' -f3 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log"; exit 1; }
echo "server $url (SQLite $work/server.db), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/WebhookBench/bin/Release/net10.0/WebhookBench.dll "$url" "$secret" "$payloads" "$seconds" "$concurrency" "$server"

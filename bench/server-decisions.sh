#!/usr/bin/env bash
# Server decision throughput and latency on loopback, with wrk, on SQLite and on PostgreSQL. In one server run per
# store, with the same ci token:
#   trivial     GET  /api/v1/whoami                  (authentication and routing only: the baseline)
#   evaluation  GET  /api/v1/changes/{id}/decision   (loads the stored revision and sign-offs, evaluates the policy)
#   write path  POST /api/v1/changes                 (CI re-running check on an unchanged change: the read-only fast path)
#   server-built POST /api/v1/changes {repository, key, base, head} for a registered repository (file:// mirror):
#               the server fetches (at most every 2 s), finds the build in its cache and answers from the read path
# The change is a junior's AI-assisted change to a payments service, pending a senior owner's sign-off
# (bench/server-decisions/shop). Target: every decision path ≥ 50 % of the trivial endpoint's requests/s. Each row also
# gives the CPU time the server (and PostgreSQL's processes) spent per request, and the trivial endpoint's as a share
# of it: on a machine shared with other work, requests/s follow the share of the cores the server happens to get, while
# CPU per request does not.
#
#   bench/server-decisions.sh [SECONDS]      # default 10 s per measurement after a 3 s warm-up (WARMUP=3)
# Environment: THREADS (2) and CONNECTIONS (32) for wrk, PGBIN (default: the newest /usr/lib/postgresql/*/bin),
# SKIP_BUILD=1 to reuse the Release build, SKIP_POSTGRES=1 to measure SQLite only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bench="$here/server-decisions"
duration=${1:-10}
warmup=${WARMUP:-3}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
dll="$root/src/Countersign.Cli/bin/Release/net10.0/countersign.dll"
command -v wrk > /dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
for tool in dotnet git curl jq python3; do
    command -v "$tool" > /dev/null || { echo "$tool is missing" >&2; exit 2; }
done

work=$(mktemp -d /tmp/countersign-bench.XXXXXX)
server_pid=""
proxy_pid=""
pgdir=""
pgbin=""
as_postgres=()
stop_server() {
    if [[ -n $server_pid ]]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; server_pid=""; fi
}
cleanup() {
    if [[ -n $proxy_pid ]]; then kill "$proxy_pid" 2> /dev/null || true; wait "$proxy_pid" 2> /dev/null || true; fi
    stop_server
    if [[ -n $pgdir && -f $pgdir/data/postmaster.pid ]]; then
        "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$work" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the run (the benchmark itself then keeps ~2 cores busy); other work on the machine skews the figures"
echo "tools:   .NET SDK $(dotnet --version), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), wrk -t$threads -c$connections -d${duration}s --latency after ${warmup} s of warm-up"

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    dotnet build "$root/src/Countersign.Cli" -c Release --nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
[[ -f $dll ]] || { echo "no Release build at $dll" >&2; exit 1; }

# The shop: main with the org directory, the policy, CODEOWNERS and the catalog; feature/refunds is Dana's AI-assisted change.
shop="$work/shop"
commit_as() { # NAME EMAIL MESSAGE
    GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$2 GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$2 \
        git -C "$shop" -c commit.gpgsign=false commit -q -m "$3"
}
git init -q -b main "$shop"
mkdir -p "$shop/.countersign" "$shop/.github" "$shop/services/payments" "$shop/services/checkout" "$shop/docs"
cp "$bench/shop/org.yaml" "$bench/shop/policy.yaml" "$shop/.countersign/"
cp "$bench/shop/CODEOWNERS" "$shop/.github/CODEOWNERS"
cp "$bench/shop/payments-catalog-info.yaml" "$shop/services/payments/catalog-info.yaml"
cp "$bench/shop/checkout-catalog-info.yaml" "$shop/services/checkout/catalog-info.yaml"
printf 'package payments\n\nfunc Charge() {}\n' > "$shop/services/payments/charge.go"
printf 'package checkout\n' > "$shop/services/checkout/cart.go"
printf '# Docs\n' > "$shop/docs/index.md"
git -C "$shop" add -A
commit_as "Erin Senior" erin@acme.test "Set up the shop"
git -C "$shop" checkout -q -b feature/refunds
printf 'package payments\n\nfunc Refund() {}\n' > "$shop/services/payments/refund.go"
git -C "$shop" add -A
commit_as "Dana Junior" dana@acme.test $'payments: refunds\n\nCo-Authored-By: Claude <noreply@anthropic.com>'
git -C "$shop" checkout -q main

admin="cst_bench$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
rows=()

# CPU time (clock ticks) the server has used, and with PostgreSQL its database processes too: what a request costs
# whatever else the machine is doing (requests/s on a shared machine depend on the share the server gets).
cpu_ticks() {
    local pids=("$server_pid")
    if [[ -n $pgdir && -f $pgdir/data/postmaster.pid ]]; then
        local postmaster
        postmaster=$(head -1 "$pgdir/data/postmaster.pid")
        pids+=("$postmaster" $(pgrep -P "$postmaster" || true))
    fi
    local total=0 pid
    for pid in "${pids[@]}"; do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$total"
}

# wrk_run SCRIPT URL SECONDS [ENV…] → "rps p50 p99 requests non-2xx socket-errors cpu-µs-per-request"
wrk_run() {
    local script=$1 url=$2 seconds=$3
    shift 3
    local before after
    before=$(cpu_ticks)
    env BENCH_DIR="$bench" "$@" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$bench/$script" "$url" > "$work/wrk.out" 2>&1 \
        || { cat "$work/wrk.out" >&2; exit 1; }
    after=$(cpu_ticks)
    local result
    result=$(grep '^RESULT ' "$work/wrk.out" | cut -d' ' -f2-)
    echo "$result $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$(cut -d' ' -f4 <<< "$result")" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }')"
}

api() { # METHOD PATH TOKEN [curl args…]
    local method=$1 path=$2 token=$3
    shift 3
    curl -fsS -X "$method" -H "Authorization: Bearer $token" "$@" "$url$path"
}

measure() { # LABEL DATABASE
    local label=$1 database=$2
    COUNTERSIGN_ADMIN_TOKEN=$admin dotnet "$dll" serve --urls http://127.0.0.1:0 --database "$database" > "$work/server.log" 2>&1 &
    server_pid=$!
    url=""
    for _ in $(seq 600); do
        url=$(sed -n 's/^Countersign server listening on \(http:[^ ]*\).*/\1/p' "$work/server.log")
        [[ -n $url ]] && break
        kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n $url ]] || { echo "the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

    api PUT /api/v1/org "$admin" -H 'Content-Type: application/yaml' --data-binary "@$bench/shop/org.yaml" > /dev/null
    local ci
    ci=$(api POST /api/v1/tokens "$admin" -H 'Content-Type: application/json' -d '{"name":"bench","scope":"ci"}' | jq -r .secret)

    # Register the change through a capturing proxy: the request body is the write path's payload.
    python3 "$bench/capture-proxy.py" "$url" "$work/registration.json" > "$work/proxy.port" &
    proxy_pid=$!
    for _ in $(seq 600); do [[ -s $work/proxy.port ]] && break; sleep 0.05; done
    [[ -s $work/proxy.port ]] || { echo "the capturing proxy did not start" >&2; exit 1; }
    local rc=0
    dotnet "$dll" check --repo "$shop" --base main --head feature/refunds --server "http://127.0.0.1:$(cat "$work/proxy.port")" \
        --token "$ci" --repository-name bench/shop --json > "$work/check.json" 2> "$work/check.err" || rc=$?
    kill "$proxy_pid"; wait "$proxy_pid" 2> /dev/null || true; proxy_pid=""
    if [[ $rc != 1 || $(jq -r .status "$work/check.json") != pending ]]; then
        echo "check: exit $rc (expected 1, pending)" >&2; cat "$work/check.json" "$work/check.err" >&2; exit 1
    fi
    local id
    id=$(api GET '/api/v1/changes/lookup?repository=bench/shop&key=branch/feature/refunds' "$ci" | jq -r .id)
    local decision
    decision=$(api GET "/api/v1/changes/$id/decision" "$ci")
    [[ $(jq -r .status <<< "$decision") == pending ]] || { echo "unexpected decision: $decision" >&2; exit 1; }
    local again
    again=$(api POST /api/v1/changes "$ci" -H 'Content-Type: application/json' --data-binary "@$work/registration.json")
    [[ $(jq -r '[.id, .revision, .status] | join(" ")' <<< "$again") == "$id 1 pending" ]] || { echo "unexpected re-registration: $again" >&2; exit 1; }
    # The same change of a repository the server builds itself from a file:// mirror.
    api POST /api/v1/repositories "$admin" -H 'Content-Type: application/json' \
        -d "{\"name\":\"bench/shop-built\",\"url\":\"file://$shop\"}" > /dev/null
    printf '{"repository":"bench/shop-built","key":"branch/feature/refunds","base":"main","head":"feature/refunds"}' > "$work/build.json"
    local built t0 t1 t2 t3 t4 t5
    # Cost of a first server build (clone the mirror, build, register) against a local check plus a plain mirror clone.
    t0=$(date +%s.%N)
    built=$(api POST /api/v1/changes "$ci" -H 'Content-Type: application/json' --data-binary "@$work/build.json")
    t1=$(date +%s.%N)
    dotnet "$dll" check --repo "$shop" --base main --head feature/refunds --json > /dev/null 2>&1 || true
    t2=$(date +%s.%N)
    rm -rf "$work/clone.git"; git clone -q --mirror "file://$shop" "$work/clone.git"
    t3=$(date +%s.%N)
    printf '{"repository":"bench/shop-built","key":"branch/feature/refunds-2","base":"main","head":"feature/refunds","title":"second"}' > "$work/build2.json"
    t4=$(date +%s.%N)
    api POST /api/v1/changes "$ci" -H 'Content-Type: application/json' --data-binary "@$work/build2.json" > /dev/null
    t5=$(date +%s.%N)
    awk -v l="$label" -v first="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" -v local_="$(awk -v a="$t1" -v b="$t2" 'BEGIN{print b-a}')" \
        -v clone="$(awk -v a="$t2" -v b="$t3" 'BEGIN{print b-a}')" -v rebuild="$(awk -v a="$t4" -v b="$t5" 'BEGIN{print b-a}')" \
        'BEGIN { printf "%s: first server-built request %.3f s (mirror clone, build, register); local check %.3f s + a mirror clone %.3f s = %.3f s; a new build from the same mirror %.3f s\n", l, first, local_, clone, local_ + clone, rebuild }' >&2
    [[ $(jq -r '[.builtBy, .status] | join(" ")' <<< "$built") == "server pending" ]] || { echo "unexpected server-built change: $built" >&2; exit 1; }
    local audit_before
    audit_before=$(api GET /api/v1/audit/verify "$admin" | jq -r .recordedHead.sequence)

    local whoami="$url/api/v1/whoami" evaluation="$url/api/v1/changes/$id/decision" register="$url/api/v1/changes"
    local body=(BENCH_TOKEN="$ci" BENCH_BODY="$work/registration.json")
    wrk_run get.lua "$whoami" "$warmup" "${body[@]}" > /dev/null
    wrk_run get.lua "$evaluation" "$warmup" "${body[@]}" > /dev/null
    wrk_run register.lua "$register" "$warmup" "${body[@]}" > /dev/null
    wrk_run register.lua "$register" "$warmup" BENCH_TOKEN="$ci" BENCH_BODY="$work/build.json" > /dev/null
    local trivial evaluated write serverbuilt
    trivial=$(wrk_run get.lua "$whoami" "$duration" "${body[@]}")
    evaluated=$(wrk_run get.lua "$evaluation" "$duration" "${body[@]}")
    write=$(wrk_run register.lua "$register" "$duration" "${body[@]}")
    serverbuilt=$(wrk_run register.lua "$register" "$duration" BENCH_TOKEN="$ci" BENCH_BODY="$work/build.json")

    # The repeated registrations wrote nothing: same revision, no audit record.
    local audit_after
    audit_after=$(api GET /api/v1/audit/verify "$admin" | jq -r .recordedHead.sequence)
    [[ $audit_after == "$audit_before" ]] || echo "warning: the repeated registrations wrote audit records ($audit_before → $audit_after)" >&2
    stop_server

    local base base_cpu
    base=$(cut -d' ' -f1 <<< "$trivial")
    base_cpu=$(cut -d' ' -f7 <<< "$trivial")
    row() { # ENDPOINT RESULT
        read -r rps p50 p99 requests failed socket cpu <<< "$2"
        rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$label" "$1" \
            "$(printf '%.0f' "$rps")" "$(printf '%.2f' "$p50")" "$(printf '%.2f' "$p99")" "$requests" "$failed, $socket" \
            "$(awk -v a="$rps" -v b="$base" 'BEGIN { printf "%.0f %%", 100 * a / b }')" "$cpu" \
            "$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN { printf "%.0f %%", (a > 0 ? 100 * b / a : 0) }')")")
    }
    row 'GET /api/v1/whoami (trivial)' "$trivial"
    row 'GET /api/v1/changes/{id}/decision (evaluation)' "$evaluated"
    row 'POST /api/v1/changes, unchanged (write path)' "$write"
    row 'POST /api/v1/changes, server-built from its mirror (cached build)' "$serverbuilt"
    echo "$label: decision $(jq -c . <<< "$decision"); registration body $(wc -c < "$work/registration.json") bytes" >&2
    printf '%s\n' "${rows[@]: -4}" >&2
}

measure SQLite "$work/server.db"

if [[ ${SKIP_POSTGRES:-} != 1 ]]; then
    pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)}
    if [[ -z $pgbin || ! -x $pgbin/initdb ]]; then
        echo "PostgreSQL not found (set PGBIN, or SKIP_POSTGRES=1)" >&2; exit 2
    fi
    pgdir=$(mktemp -d /tmp/countersign-bench-pg.XXXXXX)
    if [[ $(id -u) == 0 ]]; then
        chown postgres "$pgdir"
        as_postgres=(runuser -u postgres --)
    fi
    pgport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as_postgres[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --no-sync > "$work/initdb.log" 2>&1 \
        || { cat "$work/initdb.log" >&2; exit 1; }
    "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir" start > /dev/null \
        || { cat "$pgdir/log" >&2; exit 1; }
    psql -q -h 127.0.0.1 -p "$pgport" -U postgres -c 'CREATE DATABASE bench' > /dev/null
    measure PostgreSQL "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=bench"
fi

echo
echo "| store | endpoint | requests/s | p50 ms | p99 ms | requests | errors (non-2xx, socket) | vs trivial | CPU µs/request | vs trivial (CPU) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

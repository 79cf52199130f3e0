#!/usr/bin/env bash
# Benchmark of `sigscope serve`: requests/s and latency with keep-alive from wrk, for
#   verify — serve verifying (TC3, the same Verifier as `sigscope verify`), validating and answering
#            a real signed Tencent CreateNetworkInterface (idempotent on its ClientToken), and
#   bare   — the same Hummingbird server and limits answering a fixed 200 `{}` after reading the
#            body (`serve --bare`, a hidden mode for this bound), with no verification.
# Rounds alternate bare and verify so drift on a shared machine hits both alike.
# Usage: scripts/bench-serve.sh      env: ROUNDS (3) DURATION (10s) CONNECTIONS (32) THREADS (1)
#   BIN (the release binary built by scripts/release.sh; another sigscope executable to compare with, unbuilt)
# Prints each run and a closing summary (median rps, p50, p99, verify/bare ratio). Needs wrk (apt).
# Each run also reads the server's own CPU time (utime + stime in /proc/PID/stat, Linux) before and
# after and divides it by the requests wrk completed: CPU µs per request, which other load on a
# shared machine disturbs far less than requests/s; the summary gives its median and ratio too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10s}"; CONNECTIONS="${CONNECTIONS:-32}"; THREADS="${THREADS:-1}"

if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi
if [ -z "${BIN:-}" ]; then
  nice -n 19 scripts/release.sh >/dev/null    # the release binary, as shipped
  BIN=.build/release/sigscope
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

start() { # name, then serve's options; sets PORT and PID
  "$BIN" serve --listen 127.0.0.1:0 --quiet "${@:2}" 2> "$WORK/$1.err" &
  PID=$!
  PIDS+=($PID)
  PORT=""
  for _ in $(seq 1 100); do
    PORT="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/$1.err" | grep -o '[0-9]*$' || true)"
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  echo "serve ($1) did not start:"; cat "$WORK/$1.err"; exit 1
}

KEY=bench-secret-key; ID=AKIDBENCH
start bare --bare; BARE_PORT=$PORT; BARE_PID=$PID
start verify --secret-id "$ID" --secret-key "$KEY"; VERIFY_PORT=$PORT; VERIFY_PID=$PID

# The signed request, exactly as `sigscope curl` sends it (signed for the verifying server's Host).
"$BIN" curl examples/tencent-create-eni.json --endpoint "http://127.0.0.1:$VERIFY_PORT" --service vpc \
  --param PrivateIpAddresses='[]' --param ClientToken=bench --secret-id "$ID" --secret-key "$KEY" --format json > "$WORK/request.json"
python3 - "$WORK/request.json" "$WORK/request.lua" <<'EOF'
import json, sys
request = json.load(open(sys.argv[1]))["request"]
lines = ['wrk.method = "%s"' % request["method"], "wrk.body = [==[%s]==]" % request["body"]]
for header in request["headers"]:
    lines.append('wrk.headers["%s"] = [==[%s]==]' % (header["name"], header["value"]))
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
EOF
# The request really is accepted (and the bare handler answers 200).
first="$(sh -c "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"])' "$WORK/request.json") --include")"
echo "$first" | grep -qi '^x-sigscope-verdict: accepted' || { echo "the benchmark request is not accepted:"; echo "$first"; exit 1; }

cpu_ticks() { # pid -> utime + stime of the process, in clock ticks (fields 14 and 15 after the ")" of the name)
  sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

run() { # name, port, pid -> prints "rps p50 p99 cpu_us_per_request"
  before="$(cpu_ticks "$3")"
  wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/request.lua" "http://127.0.0.1:$2/" > "$WORK/$1.wrk"
  after="$(cpu_ticks "$3")"
  if grep -q 'Non-2xx\|Socket errors' "$WORK/$1.wrk"; then echo "errors in the $1 run:"; cat "$WORK/$1.wrk"; exit 1; fi
  python3 - "$WORK/$1.wrk" "$((after - before))" "$(getconf CLK_TCK)" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
ticks, hertz = int(sys.argv[2]), int(sys.argv[3])
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", text)
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
requests = int(re.search(r"(\d+) requests in", text).group(1))
print("%.0f %.3f %.3f %.1f" % (rps, ms(*p50.groups()), ms(*p99.groups()), ticks / hertz * 1e6 / requests))
EOF
}

echo "serve benchmark: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, keep-alive, $(nproc) cores"
printf '%-6s %-7s %10s %9s %9s %11s\n' round server "req/s" "p50 ms" "p99 ms" "cpu us/req"
: > "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for name in bare verify; do
    port=$BARE_PORT; pid=$BARE_PID
    [ "$name" = verify ] && port=$VERIFY_PORT && pid=$VERIFY_PID
    read -r rps p50 p99 cpu < <(run "$name" "$port" "$pid")
    printf '%-6s %-7s %10s %9s %9s %11s\n' "$round" "$name" "$rps" "$p50" "$p99" "$cpu"
    echo "$name $rps $p50 $p99 $cpu" >> "$WORK/results"
  done
done
python3 - "$WORK/results" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(name, column):
    return statistics.median(float(r[column]) for r in rows if r[0] == name)
bare, verify = median("bare", 1), median("verify", 1)
print("median: bare %.0f req/s (p50 %.3f ms, p99 %.3f ms); verify %.0f req/s (p50 %.3f ms, p99 %.3f ms)"
      % (bare, median("bare", 2), median("bare", 3), verify, median("verify", 2), median("verify", 3)))
print("verification cost: bare/verify = %.2fx (target <= 2x)" % (bare / verify))
bare_cpu, verify_cpu = median("bare", 4), median("verify", 4)
print("server CPU per request (median): bare %.1f us, verify %.1f us; verify/bare = %.2fx" % (bare_cpu, verify_cpu, verify_cpu / bare_cpu))
EOF

#!/usr/bin/env bash
# Sends real calls from the providers' official Python SDKs at `sigscope serve`:
# tencentcloud-sdk-python (VpcClient; TC3 and signature v1) and aliyun-python-sdk-core
# (CommonRequest; RPC GET and POST form). A good call must return the SDK's typed success,
# a wrong secret the SDK's own exception with AuthFailure.SignatureFailure /
# SignatureDoesNotMatch. Then the session's HAR is read back with `sigscope verify` and the
# JSON Lines log is checked.
#
# Usage: scripts/sdk-check.sh            (from anywhere; builds sigscope if needed)
# Needs: python3 with venv (installed with apt-get when missing), PyPI.
# Prints one line per check and closes with "N passed, M failed"; exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  echo "installing: python3-venv"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
fi

VENV=.venv-sdk-check
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
  'tencentcloud-sdk-python-common==3.1.195' 'tencentcloud-sdk-python-vpc==3.1.193' 'aliyun-python-sdk-core==2.16.1'

swift build --product sigscope >/dev/null
BIN="$(swift build --show-bin-path)/sigscope"

WORK="$(mktemp -d)"
SERVE_PID=""
cleanup() {
  if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then kill -TERM "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SECRET_ID=AKIDSDKCHECK0000000000000000
SECRET_KEY=sdk-check-secret-0123456789
"$BIN" serve --listen 127.0.0.1:0 --secret-id "$SECRET_ID" --secret-key "$SECRET_KEY" \
  --log "$WORK/requests.jsonl" --har "$WORK/session.har" 2> "$WORK/serve.err" &
SERVE_PID=$!

PORT=""
for _ in $(seq 1 100); do
  PORT="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/serve.err" 2>/dev/null | grep -o '[0-9]*$' || true)"
  [ -n "$PORT" ] && break
  kill -0 "$SERVE_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$PORT" ]; then
  echo "FAIL  sigscope serve did not start:"; cat "$WORK/serve.err"
  echo "0 passed, 1 failed"
  exit 1
fi

set +e
"$VENV/bin/python" scripts/sdk_check.py "$PORT" "$SECRET_ID" "$SECRET_KEY" | tee "$WORK/python.out"
set -e
passed="$(grep -c '^PASS' "$WORK/python.out" || true)"
failed="$(grep -c '^FAIL' "$WORK/python.out" || true)"

result() { # name, then the command that must succeed
  local name="$1"; shift
  if "$@" >/dev/null 2>&1; then echo "PASS  $name"; passed=$((passed + 1)); else echo "FAIL  $name"; failed=$((failed + 1)); fi
}

kill -INT "$SERVE_PID"
for _ in $(seq 1 100); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
result "serve stops on SIGINT" bash -c "! kill -0 $SERVE_PID 2>/dev/null"
SERVE_PID=""
requests="$(grep -c '' "$WORK/requests.jsonl" || true)"
result "--log has one JSON line per SDK request (11; got $requests)" test "$requests" -eq 11
result "--log records the wrong-secret call as rejected SignatureDoesNotMatch" grep -q '"verdict":"rejected","status":400,"code":"SignatureDoesNotMatch"' "$WORK/requests.jsonl"
result "sigscope verify reads the HAR's first entry back as a match" "$BIN" verify "$WORK/session.har" --entry 0 --secret-key "$SECRET_KEY"
result "sigscope decode reads the HAR's first answer as a success" "$BIN" decode "$WORK/session.har" --entry 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

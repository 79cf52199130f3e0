#!/usr/bin/env bash
# Set up and try sigscope on a fresh Debian machine: installs the system libraries if they are
# missing, builds the release binary, and signs the bundled example request step by step.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libssl-dev libxml2-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing ${need[*]}" >&2
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi

./scripts/release.sh >&2

# Demo credentials (the documentation's EXAMPLE key) and a fixed time, so the output is reproducible.
exec .build/release/sigscope sign examples/tencent-create-eni.json \
  --secret-id AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE \
  --secret-key Gu5t9xGARNpq86cd98joQYCN3EXAMPLE \
  --timestamp 1551113065 "$@"

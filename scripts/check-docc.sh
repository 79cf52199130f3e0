#!/usr/bin/env bash
# Builds the library's DocC documentation and fails on any warning (a broken symbol link, an
# undocumented parameter of a public function, …), so the catalog stays in step with the API.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package generate-documentation --target SigScope >"$log" 2>&1 || { cat "$log"; exit 1; }
if grep -E "^(warning|error):" "$log"; then
  echo "DocC: the catalog has warnings (above)" >&2
  exit 1
fi
echo "DocC: SigScope documentation built with no warnings"

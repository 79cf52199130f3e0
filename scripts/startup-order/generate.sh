#!/usr/bin/env bash
# Regenerates symbols.txt: the functions a one-shot `sigscope sign` runs (JSON and text output),
# in the form the linker names them. scripts/release.sh links with lld and places these
# functions together (--symbol-ordering-file), so start-up touches fewer pages of the 70 MB
# static executable. A stale list is harmless: lld warns about each symbol that no longer exists and skips it; a
# new start-up function is merely placed elsewhere.
#   scripts/startup-order/generate.sh     (needs valgrind and a release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
./scripts/release.sh >/dev/null 2>&1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Valgrind 3.19 gives up on the DWARF 5 debug information Swift 6 emits ("Possibly corrupted
# debuginfo file"): it runs a copy without it, whose symbols and addresses are the same.
strip --strip-debug -o "$out/sigscope" .build/release/sigscope
for format in json text; do
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$out/$format.out" \
    "$out/sigscope" sign examples/tencent-create-eni.json --format "$format" \
    --timestamp 1551113065 --secret-id AKIDEXAMPLE --secret-key example-secret >/dev/null 2>&1
done
# callgrind names each function once ("fn=(id) name" or "cfn=(id) name"); later mentions carry only the id.
cat "$out"/*.out | sed -nE 's/^c?fn=\([0-9]+\) (.+)$/\1/p' | sed -E "s/'[0-9]+$//" | grep -v '^0x' | sort -u > scripts/startup-order/symbols.txt
wc -l scripts/startup-order/symbols.txt

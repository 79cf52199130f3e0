#!/usr/bin/env bash
# Builds the release `sigscope` executable into .build/release/sigscope.
#
# On Linux it is one static executable (Swift runtime, libcrypto, libxml2 with its ICU, zlib and
# lzma linked in): no dynamic loader work at start, which is most of a one-shot `sigscope sign`.
# lld places the functions a one-shot `sign` runs next to each other
# (scripts/startup-order/symbols.txt, made by generate.sh beside it), so start-up faults in fewer
# pages; lld warns about any listed symbol that no longer exists, which says the list is stale.
#
# These are link options of this project's own release binary, so they live here rather than
# in Package.swift, where unsafe flags would stop packages that depend on sigscope by version.
# Elsewhere (macOS) it is a plain release build.
set -euo pipefail
cd "$(dirname "$0")/.."

flags=()
if [ "$(uname -s)" = "Linux" ]; then
  flags+=(-Xswiftc -use-ld=lld
          -Xlinker "--symbol-ordering-file=$PWD/scripts/startup-order/symbols.txt"
          -Xswiftc -static-executable)
  for lib in xml2 icui18n icuuc icudata z lzma crypto FoundationEssentials _FoundationCollections _FoundationCShims stdc++ m; do
    flags+=(-Xlinker "-l$lib")
  done
fi
swift build -c release --product sigscope "${flags[@]}" "$@"

#!/usr/bin/env bash
# Builds and runs examples/library-consumer against a version tag of the current commit, the way
# a package that depends on sigscope by version would: a temporary clone of HEAD is tagged with
# the executable's version and the example resolves SigScope from it (no network needed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's/.*static let string = "\(.*\)"/\1/p' Sources/SigScopeCLI/SigScopeMain.swift)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --no-local "$root" "$work/sigscope"
git -C "$work/sigscope" tag "$version"
cp -R examples/library-consumer "$work/consumer"
export SIGSCOPE_PACKAGE_URL="file://$work/sigscope"
swift build --package-path "$work/consumer" 2>&1 | tail -n 3
out=$("$work/consumer/.build/debug/LibraryConsumer")
echo "$out"
grep -qx "verified: true" <<<"$out"
echo "library consumer: built against sigscope $version by version requirement and ran"

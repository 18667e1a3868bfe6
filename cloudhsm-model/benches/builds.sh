#!/usr/bin/env bash
# The per-script, per-entry-point table of `benches/scripts.rs`, and what the pattern
# shortcut's fast paths are worth (`benches/shortcut.rs -- paired`), on the three builds users
# deploy: the default x86-64 target, x86-64-v3 (AVX2) and the machine's own CPU. Each build
# has a target directory of its own, so switching RUSTFLAGS rebuilds nothing twice.
#
#   bash cloudhsm-model/benches/builds.sh [--quartiles]
set -euo pipefail
cd "$(dirname "$0")/../.."
extra=("$@")
for build in default x86-64-v3 native; do
  if [ "$build" = default ]; then flags=""; else flags="-C target-cpu=$build"; fi
  echo
  echo "### $build build (RUSTFLAGS=\"$flags\")"
  echo
  RUSTFLAGS="$flags" CARGO_TARGET_DIR="target/bench-$build" \
    cargo bench --quiet -p cloudhsm-model --bench scripts -- "${extra[@]}"
  echo
  RUSTFLAGS="$flags" CARGO_TARGET_DIR="target/bench-$build" \
    cargo bench --quiet -p cloudhsm-model --bench shortcut -- paired
done

#!/usr/bin/env bash
# Runs every Whistlebox test: Rust (unit, property, snapshot, end-to-end) and JS.
# Usage: bash tests/run.sh        (from anywhere; needs cargo, cargo-nextest, node 20, npm)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm ci (web/, tests/browser/, tests/vectors/cctv/) =="
(cd web && npm ci --ignore-scripts --no-audit --no-fund)
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund)
(cd tests/vectors/cctv && npm ci --ignore-scripts --no-audit --no-fund)

echo "== the committed page bundle is what web/ builds (reproducible) =="
(cd web && npm run --silent build)
if ! git diff --quiet -- web/dist; then
  echo "web/dist differs from what is committed: commit the rebuilt bundle (the relay embeds it)" >&2
  git diff --stat -- web/dist >&2
  # In CI the tree is a clean clone, so a difference means the build is not reproducible.
  [ -z "${CI:-}" ] || exit 1
fi

echo "== build the binaries the end-to-end tests run =="
cargo build --workspace --bins --locked

echo "== Rust tests =="
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast
  cargo test --workspace --locked --doc
else
  cargo test --workspace --locked --no-fail-fast
fi

echo "== JS tests (node --test) =="
(cd web && npm test)

echo "== browser tests (Debian Chromium + Firefox ESR; node --test) =="
(cd tests/browser && npm test)

#!/usr/bin/env bash
# Runs every Whistlebox test: Rust (unit, property, snapshot, end-to-end) and JS.
# Usage: bash tests/run.sh        (from anywhere; needs cargo, cargo-nextest, node 20, npm)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm ci (web/) =="
(cd web && npm ci --ignore-scripts --no-audit --no-fund)

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

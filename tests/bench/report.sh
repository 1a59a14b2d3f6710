#!/usr/bin/env bash
# Quarterly bulletin, 30 and 300 units × 11 indicators: Branchdesk's PDF engine (median of 5,
# in-process) beside headless Chromium printing the same content as HTML (median of 3, the way
# most desktop apps make PDFs). Prints figures; asserts nothing (a benchmark, not a test).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p branchdesk-report --example bulletin_bench
dir=target/bench/report
mkdir -p "$dir"
printf '%-6s %14s %12s %16s %14s %8s\n' units engine_ms engine_KB chromium_ms chromium_KB speedup
for n in 30 300; do
  read -r _ ms bytes < <(./target/release/examples/bulletin_bench "$n" "$dir")
  if command -v chromium > /dev/null; then
    times=()
    for i in 1 2 3; do
      prof=$(mktemp -d)
      start=$(date +%s%N)
      chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$prof" --no-pdf-header-footer \
        --print-to-pdf="$dir/chromium-$n.pdf" "file://$PWD/$dir/bulletin-$n.html" > /dev/null 2>&1
      times+=($(( ($(date +%s%N) - start) / 1000000 )))
      rm -rf "$prof"
    done
    cms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    ckb=$(( $(stat -c %s "$dir/chromium-$n.pdf") / 1024 ))
    printf '%-6s %14s %12s %16s %14s %7.0fx\n' "$n" "$ms" "$(( bytes / 1024 ))" "$cms" "$ckb" "$(echo "$cms / $ms" | bc -l)"
  else
    printf '%-6s %14s %12s %16s %14s\n' "$n" "$ms" "$(( bytes / 1024 ))" "(no chromium)" "-"
  fi
done

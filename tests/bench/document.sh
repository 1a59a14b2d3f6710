#!/usr/bin/env bash
# 公文 (issue 18's figures). (1) A document of about 20 pages in the national format: the
# engine (median of 5, in-process) beside headless Chromium printing the same text with the
# same fonts and page box (median of 3). (2) A draft with a 5 MB attachment: the bundle's size
# and `sync export` / `sync import` wall time and peak memory, beside zstd -3 and sha256sum of
# the same bytes (the least any transfer of them costs). Prints figures; asserts nothing.
# Needs: apt install chromium zstd poppler-utils (for the peers and page counts).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p branchdesk-report --example document_bench
cargo build -q --release --bin branchdesk
dir=target/bench/document
rm -rf "$dir" && mkdir -p "$dir"

read -r _ ms bytes < <(./target/release/examples/document_bench 20 "$dir")
pages=$(pdfinfo "$dir/document.pdf" | sed -n 's/^Pages: *//p')
printf '%-34s %8s %8s %8s\n' "(1) 公文, GB/T 9704" ms KB pages
printf '%-34s %8s %8s %8s\n' "engine" "$ms" "$(( bytes / 1024 ))" "$pages"
if command -v chromium > /dev/null; then
  times=()
  for i in 1 2 3; do
    prof=$(mktemp -d)
    start=$(date +%s%N)
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$prof" --no-pdf-header-footer \
      --print-to-pdf="$dir/chromium.pdf" "file://$PWD/$dir/document.html" > /dev/null 2>&1
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    rm -rf "$prof"
  done
  cms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  cpages=$(pdfinfo "$dir/chromium.pdf" | sed -n 's/^Pages: *//p')
  printf '%-34s %8s %8s %8s\n' "peer: headless Chromium" "$cms" "$(( $(stat -c %s "$dir/chromium.pdf") / 1024 ))" "$cpages"
  pdffonts "$dir/chromium.pdf" | tail -n +3 | awk '{print "  chromium font: " $1 " emb=" $(NF-4) " sub=" $(NF-3)}'
fi
echo

# (2) A draft with a 5 MB attachment travels up from a unit.
export BRANCHDESK_USER=ZB-001 BRANCHDESK_PASSWORD=zibo2016
bin=./target/release/branchdesk
"$bin" --db "$dir/hq.db" init --role hq --site-name 集团总部 > /dev/null
code=$(BRANCHDESK_LANG=en "$bin" --db "$dir/hq.db" sync enrol --unit ZB --out "$dir/enrol.bdk" | sed -n 's/^Passcode: \([0-9A-Z-]*\).*/\1/p')
"$bin" --db "$dir/zb.db" init --demo > /dev/null
"$bin" --db "$dir/zb.db" sync import "$dir/enrol.bdk" --passcode "$code" > /dev/null
"$bin" --db "$dir/zb.db" sync export --out "$dir/b1.bdk" > /dev/null
"$bin" --db "$dir/hq.db" sync import "$dir/b1.bdk" > /dev/null
id=$("$bin" --db "$dir/zb.db" docs draft --category company --title 关于报送2016年度经营数据的报告 --unit ZB --drafting-unit ZB-OFF --json | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
head -c 5000000 /dev/urandom > "$dir/经营数据.zip"
"$bin" --db "$dir/zb.db" docs attach --id "$id" "$dir/经营数据.zip" > /dev/null
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$dir/time" "$@" > /dev/null
  read -r wall kib < "$dir/time"
  printf '%-34s %8s %10.1f\n' "$label" "$wall" "$(echo "$kib / 1024" | bc -l)"
}
printf '%-34s %8s %10s\n' "(2) 5 MB attachment" wall_s peak_MiB
measure "sync export (the unit)" "$bin" --db "$dir/zb.db" sync export --out "$dir/b2.bdk"
measure "sync import (headquarters)" "$bin" --db "$dir/hq.db" sync import "$dir/b2.bdk"
if command -v zstd > /dev/null; then
  measure "peer: zstd -3 of the file" zstd -q -3 -f "$dir/经营数据.zip" -o "$dir/peer.zst"
  measure "peer: sha256sum of the file" sha256sum "$dir/经营数据.zip"
fi
printf '%-34s %8.2f MB\n' "attachment" "$(echo "$(stat -c %s "$dir/经营数据.zip") / 1000000" | bc -l)"
printf '%-34s %8.2f MB\n' "bundle (signed, encrypted, zstd)" "$(echo "$(stat -c %s "$dir/b2.bdk") / 1000000" | bc -l)"
"$bin" --db "$dir/hq.db" docs files --id "$id"

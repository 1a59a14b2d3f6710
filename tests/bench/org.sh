#!/usr/bin/env bash
# Organisation import and export at 10,000 people in 2,000 positions (200 units): wall time and
# peak memory of `branchdesk org import` into an empty database, of importing the same file
# again (nothing changes), and of `org export`; beside it, in the same run, LibreOffice reading
# the same workbook (headless conversion of every sheet to CSV) when it is installed.
# Prints figures; asserts nothing (a benchmark, not a test).
set -euo pipefail
cd "$(dirname "$0")/../.."
export BRANCHDESK_USER=ZB-001 BRANCHDESK_PASSWORD=bench-password-1
read -r units positions people <<< "${*:-200 2000 10000}"
cargo build -q --release --bin branchdesk
cargo build -q --release -p branchdesk-app --example gen_org
bin=./target/release/branchdesk
dir=target/bench/org
rm -rf "$dir" && mkdir -p "$dir"
./target/release/examples/gen_org "$units" "$positions" "$people" "$dir/org.xlsx"
"$bin" --db "$dir/b.db" init > /dev/null
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$dir/time" "$@" > /dev/null
  read -r wall kib < "$dir/time"
  printf '%-34s %8s %10.1f\n' "$label" "$wall" "$(echo "$kib / 1024" | bc -l)"
}
printf 'workbook: %s units, %s positions, %s people, %s KiB\n' "$units" "$positions" "$people" "$(( $(stat -c %s "$dir/org.xlsx") / 1024 ))"
printf '%-34s %8s %10s\n' step wall_s peak_MiB
measure "org import (empty database)" "$bin" --db "$dir/b.db" org import "$dir/org.xlsx" --effective 2016-01-01
measure "org import again (no change)" "$bin" --db "$dir/b.db" org import "$dir/org.xlsx" --effective 2016-01-01
measure "org export .xlsx" "$bin" --db "$dir/b.db" org export --out "$dir/out.xlsx"
measure "org tree --json (all nodes)" "$bin" --db "$dir/b.db" org tree --json
if command -v soffice > /dev/null; then
  measure "peer: LibreOffice reads it (csv)" soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' --outdir "$dir/lo" "$dir/org.xlsx"
else
  echo "peer: LibreOffice not installed (apt install libreoffice-calc-nogui)"
fi

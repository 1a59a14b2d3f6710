#!/usr/bin/env bash
# `branchdesk kpi score` on generated groups (30 indicators: ratio/target, rank and band rules;
# 12 months of figures): wall time and peak memory for one month and for the cumulative year,
# at 300, 3,000 and 30,000 units. Prints figures; asserts nothing (a benchmark, not a test).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${*:-300 3000 30000}
cargo build -q --release --bin branchdesk
cargo build -q --release -p branchdesk-kpi --example gen_bench
bin=./target/release/branchdesk
printf '%-8s %-12s %10s %12s %10s\n' units mode wall_s peak_MiB csv_MiB
for n in $sizes; do
  dir=target/bench/kpi-$n
  ./target/release/examples/gen_bench "$n" "$dir"
  csv_mib=$(( $(stat -c %s "$dir/data.csv") / 1048576 ))
  for mode in month year-cumulative; do
    if [ "$mode" = month ]; then args=(--period 2016-07); else args=(--period 2016-12 --cumulative); fi
    /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" kpi score --scheme "$dir/scheme.toml" --data "$dir/data.csv" "${args[@]}" --json > "$dir/out.json"
    read -r wall kib < "$dir/time"
    printf '%-8s %-12s %10s %12.1f %10s\n' "$n" "$mode" "$wall" "$(echo "$kib / 1024" | bc -l)" "$csv_mib"
  done
done

#!/usr/bin/env bash
# Sync bundles. (1) A unit with ~100,000 changed records: `sync export` and `sync import` wall
# time, peak memory and bundle size; beside it, in the same run, the same rows as
# `sqlite3 .dump` compressed with zstd and replayed into a fresh database. (2) Headquarters
# importing 1,000 unit bundles in one `sync import` run. Prints figures; asserts nothing.
# Needs: apt install sqlite3 zstd (for the peer).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release --bin branchdesk
cargo build -q --release -p branchdesk-app --example gen_org --example gen_units --example crypto_bench --example plain_org
# Every database the CLI opens is encrypted and signed into: its first administrator.
export BRANCHDESK_USER=ZB-001 BRANCHDESK_PASSWORD=bench-password-1
bin=./target/release/branchdesk
dir=target/bench/sync
rm -rf "$dir" && mkdir -p "$dir"
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$dir/time" "$@" > /dev/null
  read -r wall kib < "$dir/time"
  printf '%-44s %8s %10.1f\n' "$label" "$wall" "$(echo "$kib / 1024" | bc -l)"
}
size() { printf '%-44s %8.1f MiB\n' "$1" "$(echo "$(stat -c %s "$2") / 1048576" | bc -l)"; }

# (1) 800 units, 16,000 positions, 33,000 people: with their versions and assignments, 99,600 records.
./target/release/examples/gen_org 800 16000 33000 "$dir/org.xlsx"
"$bin" --db "$dir/unit.db" init --site-name 济南市分公司 > /dev/null
"$bin" --db "$dir/unit.db" org import "$dir/org.xlsx" --effective 2016-01-01 > /dev/null
"$bin" --db "$dir/hq.db" init --role hq --site-name 集团总部 > /dev/null
code=$(BRANCHDESK_LANG=en "$bin" --db "$dir/hq.db" sync enrol --unit U0 --out "$dir/enrol.bdk" | sed -n 's/^Passcode: \([0-9A-Z-]*\).*/\1/p')
"$bin" --db "$dir/unit.db" sync import "$dir/enrol.bdk" --passcode "$code" > /dev/null
cp "$dir/hq.db" "$dir/hq-empty.db"
printf '%-44s %8s %10s\n' step wall_s peak_MiB
measure "sync export (bundle 1)" "$bin" --db "$dir/unit.db" sync export --out "$dir/b1.bdk"
measure "sync import into headquarters" "$bin" --db "$dir/hq.db" sync import "$dir/b1.bdk"
records=$("$bin" --db "$dir/hq.db" sync status --json | grep -o '"records": [0-9]*' | head -1 | grep -o '[0-9]*')
if command -v sqlite3 > /dev/null && command -v zstd > /dev/null; then
  # The peer: the same six tables, dumped as SQL, compressed, replayed (triggers dropped first
  # so the dump is plain rows).
  # (The unit's database is encrypted: the peer reads the same rows from a plain database
  # made from the same workbook.)
  ./target/release/examples/plain_org "$dir/org.xlsx" "$dir/peer.db"
  # (Read the statements first: a second sqlite3 writing while the first still reads is refused.)
  drops=$(sqlite3 "$dir/peer.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'")
  sqlite3 "$dir/peer.db" "$drops"
  tables="unit unit_version position position_version person assignment"
  measure "peer: sqlite3 .dump | zstd -3" bash -c "sqlite3 '$dir/peer.db' '.dump $tables' | zstd -q -3 -o '$dir/dump.sql.zst' -f"
  measure "peer: zstd -d | sqlite3 (fresh database)" bash -c "zstd -q -dc '$dir/dump.sql.zst' | sqlite3 '$dir/replayed.db'"
fi
echo
printf 'records in the bundle: %s\n' "$records"
size "bundle (signed, encrypted, zstd)" "$dir/b1.bdk"
[ -f "$dir/dump.sql.zst" ] && size "peer: .dump compressed with zstd -3" "$dir/dump.sql.zst"
echo

# (2) 1,000 units.
n=${UNITS:-1000}
./target/release/examples/gen_units "$n" "$dir/many"
cp "$dir/many/hq.db" "$dir/many/hq-before.db"
bytes=$(du -cb "$dir"/many/bundles/*.bdk | tail -1 | cut -f1)
printf '%s bundles, %.1f MiB in all\n' "$n" "$(echo "$bytes / 1048576" | bc -l)"
echo
# The cost of encryption at rest: the same bundles into a plain and an encrypted copy of
# headquarters, same code, same run (median of 3).
./target/release/examples/crypto_bench "$dir/many"

#!/usr/bin/env bash
# Backups of a database with ~100,000 records (800 units, 16,000 positions, 33,000 people with
# their versions and assignments): `branchdesk backup` (copy, integrity_check, row counts,
# pack, read back), `backup --check` and `restore`, wall time, peak memory and size; beside it,
# in the same run, sqlite3's own `.backup` of the same rows in a plain database (the peer does
# no check, no encryption). Prints figures; asserts nothing. Needs: apt install sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release --bin branchdesk
cargo build -q --release -p branchdesk-app --example gen_org --example plain_org
export BRANCHDESK_USER=ZB-001 BRANCHDESK_PASSWORD=bench-password-1
bin=./target/release/branchdesk
dir=target/bench/backup
rm -rf "$dir" && mkdir -p "$dir"
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$dir/time" "$@" > /dev/null
  read -r wall kib < "$dir/time"
  printf '%-44s %8s %10.1f\n' "$label" "$wall" "$(echo "$kib / 1024" | bc -l)"
}
size() { printf '%-44s %8.1f MiB\n' "$1" "$(echo "$(stat -c %s "$2") / 1048576" | bc -l)"; }

./target/release/examples/gen_org 800 16000 33000 "$dir/org.xlsx"
"$bin" --db "$dir/unit.db" init --site-name 济南市分公司 > /dev/null
"$bin" --db "$dir/unit.db" org import "$dir/org.xlsx" --effective 2016-01-01 > /dev/null
printf '%-44s %8s %10s\n' step wall_s peak_MiB
measure "branchdesk backup --out (checked)" "$bin" --db "$dir/unit.db" backup --out "$dir/b.bdbak"
measure "branchdesk backup --check" "$bin" --db "$dir/unit.db" backup --check "$dir/b.bdbak"
measure "branchdesk restore --yes" "$bin" --db "$dir/unit.db" restore "$dir/b.bdbak" --yes
if command -v sqlite3 > /dev/null; then
  ./target/release/examples/plain_org "$dir/org.xlsx" "$dir/peer.db"
  measure "peer: sqlite3 .backup (plain, unchecked)" sqlite3 "$dir/peer.db" ".backup '$dir/peer.bak'"
fi
echo
"$bin" --db "$dir/unit.db" backup --check "$dir/b.bdbak" | grep -E '记录总数|rows'
size "database" "$dir/unit.db"
size "backup (encrypted, with its key file)" "$dir/b.bdbak"
[ -f "$dir/peer.bak" ] && size "peer: sqlite3 .backup" "$dir/peer.bak"

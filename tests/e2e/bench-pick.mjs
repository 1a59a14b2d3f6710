// A file picked in the 同步 page's import: from choosing the file to the window showing the
// outcome, median of 5, in the real app. Two files of the same size: junk (refused at the first
// check, so the time is reading the file and carrying it to the command) and a real bundle of
// ~100,000 records (that plus verifying and applying it). Prints figures; asserts nothing.
// Run by `make bench-pick` after `make bench-sync` made the bundle.
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, Session, startDriver } from './webdriver.mjs';

const sync = join(ROOT, 'target/bench/sync');
const bundle = join(sync, 'b1.bdk');
const dir = mkdtempSync(join(tmpdir(), 'branchdesk-bench-pick-'));
const db = join(dir, 'hq.db');
const junk = join(dir, 'junk.bdk');
writeFileSync(junk, randomBytes(statSync(bundle).size));

async function pick(s, path, done) {
  const input = await s.find('[data-testid="sync-file"]');
  const t0 = performance.now();
  await s.cmd('POST', `/element/${input}/value`, { text: path });
  await s.waitText(done, (t) => t.length > 0, 120000);
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const junkTimes = [];
const bundleTimes = [];
for (let i = 0; i < 5; i++) {
  // A fresh headquarters each time, so the bundle applies rather than being a duplicate.
  // (And without the last run's write-ahead log, which would hold that run's import.)
  for (const f of [`${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  copyFileSync(join(sync, 'hq-empty.db'), db);
  const driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8' }, 4453);
  const s = await Session.create(driver.base);
  await s.click('[data-testid="nav-sync"]');
  await s.waitText('[data-testid="site-fingerprint"]', (t) => t.length > 0, 30000);
  junkTimes.push(await pick(s, junk, '[data-testid="sync-import-error"]'));
  bundleTimes.push(await pick(s, bundle, '[data-testid="sync-imported"]'));
  const said = await s.text('[data-testid="sync-imported"]');
  if (!said.includes('99600')) throw new Error(`not applied: ${said}`);
  await s.close();
  driver.stop();
}
const mib = (statSync(bundle).size / 1048576).toFixed(1);
console.log(`picked file, ${mib} MiB (ms): junk ${junkTimes.map((t) => t.toFixed(0)).join(', ')}; median ${median(junkTimes).toFixed(0)}`);
console.log(`picked bundle of 99,600 records, ${mib} MiB (ms): ${bundleTimes.map((t) => t.toFixed(0)).join(', ')}; median ${median(bundleTimes).toFixed(0)}`);

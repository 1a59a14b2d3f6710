// End-to-end: a unit joins headquarters in the real window (the enrolment file HQ issued with
// the CLI), exports its first bundle with progress, headquarters imports it with the CLI and
// answers with an announcement, the window imports that and shows the announcement; a damaged
// copy is refused by name and listed in the history.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, passcodeOf, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-sync-'));
const unitDb = join(dir, 'zb.db');
const hqDb = join(dir, 'hq.db');
let driver;
let s;
let passcode;

before(async () => {
  cli(unitDb, 'init', '--demo');
  cli(hqDb, 'init', '--role', 'hq', '--site-name', '集团总部', '--group-name', '齐鲁示范保险集团');
  passcode = passcodeOf(cli(hqDb, 'sync', 'enrol', '--unit', 'ZB', '--out', join(dir, '入网文件-ZB.bdk')));
  driver = await startDriver({ BRANCHDESK_DB: unitDb, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4449);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

/** Picks `path` in the page's file input, as the file dialog would. */
async function pickFile(path) {
  const input = await s.find('[data-testid="sync-file"]');
  await s.cmd('POST', `/element/${input}/value`, { text: path });
}

test('a unit joins headquarters, exchanges bundles and refuses a damaged one', async () => {
  await s.waitText('[data-testid="stat-units"]', '13');
  await s.click('[data-testid="nav-sync"]');
  assert.match(await s.waitText('[data-testid="sync-no-peers"]', (t) => t.length > 0), /入网文件/);
  await s.screenshot('sync-empty.png');

  // Join: the enrolment file from headquarters, and the passcode it read out by phone.
  await pickFile(join(dir, '入网文件-ZB.bdk'));
  await s.type('[data-testid="passcode-input"]', passcode.toLowerCase());
  await s.screenshot('sync-passcode.png');
  await s.click('#passcode-ok');
  assert.match(await s.waitText('[data-testid="sync-imported"]', (t) => t.includes('已加入')), /单位编码 ZB/);
  await s.waitText('[data-testid="peer-name"]', '集团总部');

  // The first bundle, with progress, saved where the window says.
  await s.click('[data-testid="sync-export"]');
  const saved = await s.waitText('[data-testid="sync-exported"]', (t) => t.includes('已导出第 1 号同步包'));
  const path = saved.match(/(\/\S+\.bdk)/)[1];
  assert.ok(existsSync(path), path);
  await s.screenshot('sync-exported.png');

  // Headquarters imports it and answers with an announcement.
  const up = JSON.parse(cli(hqDb, 'sync', 'import', path, '--json'));
  assert.equal(up.outcome, 'applied');
  assert.ok(up.records > 2000, `${up.records} records`);
  assert.equal(JSON.parse(cli(hqDb, 'info', '--json')).counts.people, JSON.parse(cli(unitDb, 'info', '--json')).counts.people);
  cli(hqDb, 'sync', 'announce', '--title', '关于报送四季度经营数据的通知', '--body', '请于1月5日前报送。');
  const down = join(dir, 'h1.bdk');
  cli(hqDb, 'sync', 'export', '--to', 'ZB', '--out', down);

  await pickFile(down);
  // (The join message names 集团总部 too: wait for this import's own words.)
  assert.match(await s.waitText('[data-testid="sync-imported"]', (t) => t.includes('第 1 号同步包')), /已导入「集团总部」/);
  await s.waitText('[data-testid="announcement-title"]', '关于报送四季度经营数据的通知');
  await s.screenshot('sync-announcement.png');
  await s.clickText('知道了');
  await s.waitGone('[data-testid="announcement-title"]');

  // A damaged copy: refused with the check that failed; nothing changes.
  const bytes = readFileSync(down);
  bytes[bytes.length - 80] ^= 0x01;
  const bad = join(dir, 'h1-damaged.bdk');
  writeFileSync(bad, bytes);
  const before = cli(unitDb, 'info', '--json');
  await pickFile(bad);
  assert.match(await s.waitText('[data-testid="sync-import-error"]', (t) => t.length > 0), /损坏/);
  await s.waitText('[data-testid="sync-history"]', (t) => t.includes('已拒绝') && t.includes('已导入') && t.includes('已发出'));
  assert.equal(cli(unitDb, 'info', '--json'), before);
  assert.match(await s.text('[data-testid="sync-state"]'), /发出 \d{4}-\d{2}-\d{2} · 收到 \d{4}-\d{2}-\d{2}/);
  await s.screenshot('sync-history.png');

  // The unit's record of it agrees: bundle 1 acknowledged by headquarters.
  const status = JSON.parse(cli(unitDb, 'sync', 'status', '--json'));
  assert.equal(status.peers[0].acked_seq, 1);
  assert.equal(status.peers[0].recv_seq, 1);

  // 知道了 was a read receipt: it goes up in the next bundle, and headquarters sees who read it.
  const u2 = join(dir, 'u2.bdk');
  cli(unitDb, 'sync', 'export', '--out', u2);
  cli(hqDb, 'sync', 'import', u2);
  const [read] = JSON.parse(cli(hqDb, 'sync', 'announcements', '--json'));
  assert.deepEqual(read.reads.map((r) => r.unit_name), ['淄博市分公司']);
  assert.ok(read.reads[0].read_by.length > 0);
});

// End-to-end: the office's administrator backs up in 设置 → 备份与恢复, a change is made, the
// backup is restored from the list with her password, and after signing in again the database
// is as it was; the database it replaced is kept beside it. A damaged file is refused by name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { APP, Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-backup-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4454);
  s = await Session.create(driver.base, APP, { signIn: 'ZB-002' });
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const siteName = () => JSON.parse(cli(db, 'info', '--json')).site.name;

test('a backup made in the window is restored from the list, with the password, as it was', async () => {
  await s.click('[data-testid="nav-settings"]');
  await s.click('[data-testid="settings-tab-backup"]');
  await s.click('[data-testid="backup-now"]');
  await s.waitText('.ant-message', (t) => t.includes('已备份'));
  await s.screenshot('backup-list.png');
  await s.waitText('[data-testid="backup-list"]', (t) => t.includes('淄博市分公司') && t.includes('MB'));

  // A change after the backup.
  await s.click('[data-testid="settings-tab-site"]');
  await s.type('[data-testid="settings-site-name"]', '淄博市分公司（改名）');
  await s.click('[data-testid="settings-save"]');
  await s.waitText('.ant-message', (t) => t.includes('已保存'));
  assert.equal(siteName(), '淄博市分公司（改名）');
  await s.click('[data-testid="settings-tab-backup"]');

  await s.click('[data-testid="backup-restore"]');
  const info = await s.waitText('[data-testid="backup-info"]', (t) => t.includes('13 个单位'));
  assert.match(info, /淄博市分公司（单位）/);
  await s.type('[data-testid="backup-password"]', 'zibo2016');
  await s.screenshot('backup-restore.png');
  await s.click('[data-testid="backup-restore-confirm"]');
  const aside = await s.waitText('[data-testid="backup-aside"]', (t) => t.includes('before-restore'));
  await s.confirmOk('.ant-modal-confirm-btns button');
  // The window is back at its sign-in screen; the database is the backup's.
  await s.signIn('ZB-002');
  assert.equal(siteName(), '淄博市分公司');
  const kept = aside.slice(aside.indexOf('/'));
  assert.ok(existsSync(kept), kept);
  assert.ok(existsSync(`${kept}.keys`), 'the key file was kept with it');
});

test('a damaged backup file is refused by name and nothing changes', async () => {
  await s.click('[data-testid="nav-settings"]');
  await s.click('[data-testid="settings-tab-backup"]');
  const backups = join(dir, 'backups');
  const good = join(backups, readdirSync(backups).find((n) => n.endsWith('.bdbak')));
  const bytes = readFileSync(good);
  bytes[bytes.length - 5000] ^= 0x40;
  const bad = join(dir, '损坏的备份.bdbak');
  writeFileSync(bad, bytes);
  const before = readFileSync(db);
  await s.type('[data-testid="backup-path"] input, input[data-testid="backup-path"]', bad);
  await s.click('[data-testid="backup-check"]');
  const msg = await s.waitText('.ant-message', (t) => t.includes('已损坏'));
  assert.match(msg, /损坏的备份\.bdbak/);
  await s.screenshot('backup-damaged.png');
  assert.ok(readFileSync(db).equals(before), 'the database is unchanged');
});

test('the diagnostics for support are saved as a zip without records', async () => {
  await s.click('[data-testid="settings-tab-site"]');
  await s.click('[data-testid="settings-diagnostics"]');
  const msg = await s.waitText('.ant-message', (t) => t.includes('诊断信息已保存到'));
  const zip = msg.match(/诊断信息已保存到 (\S+\.zip)/)[1];
  assert.ok(zip.endsWith('.zip') && existsSync(zip), zip);
  const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
  assert.match(listing, /about\.json/);
  assert.match(listing, /logs\/branchdesk\.\d{4}-\d{2}-\d{2}\.log/);
  const log = readdirSync(join(dir, 'logs')).map((n) => readFileSync(join(dir, 'logs', n), 'utf8')).join('');
  assert.match(log, /signed in/);
  assert.match(log, /backup written and checked/);
  assert.match(log, /code="backup\.damaged"/);
  for (const name of ['刘晓燕', '韩立新', '淄博市分公司']) assert.ok(!log.includes(name), `the log names ${name}`);
});

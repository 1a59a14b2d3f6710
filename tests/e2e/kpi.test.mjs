// End-to-end: enter a KPI figure in the real window's grid, save with Ctrl+S, and read the
// resulting score in the window and from the database through the CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-kpi-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4445);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const cliScore = (unit, indicator) => {
  const r = JSON.parse(cli(db, 'kpi', 'score', '--period', '2016-12', '--json'));
  return r.units.find((u) => u.unit === unit).indicators.find((i) => i.id === indicator).score;
};

test('a figure typed into the grid changes the score', async () => {
  await s.waitText('[data-testid="stat-units"]', '13');
  await s.click('[data-testid="nav-kpi"]');
  const before = await s.waitText('[data-testid="score-ZB-ZD-wechat_binding"]', (t) => /^\d+\.\d\d$/.test(t));
  assert.equal(before, cliScore('ZB-ZD', 'wechat_binding'), 'the window shows what the engine computes');

  await s.click('[data-testid="tab-entry"]');
  const users = await s.waitValue('[data-testid="cell-ZB-ZD-users"]', (v) => v !== '');
  // All users bound → 4 points; none bound → 0 points. Pick the one that changes the score.
  const [typed, expected] = before === '4.00' ? ['0', '0.00'] : [users, '4.00'];
  await s.type('[data-testid="cell-ZB-ZD-wechat_bound"]', typed);
  await s.press('s', { ctrl: true });
  await s.waitText('.ant-message', (t) => t.includes('已保存'));
  await s.screenshot('kpi-entry-saved.png');

  await s.click('[data-testid="tab-scores"]');
  assert.equal(await s.waitText('[data-testid="score-ZB-ZD-wechat_binding"]', expected), expected);
  assert.equal(cliScore('ZB-ZD', 'wechat_binding'), expected, 'the database holds the new figure');
  await s.screenshot('kpi-scores-after.png');
  // The units × indicators heat map labels each cell with the engine's score.
  const heat = await s.waitText('[data-testid="heatmap"]', (t) => t.includes('张店区支公司') && t.includes('微信绑定率'));
  const scores = JSON.parse(cli(db, 'kpi', 'score', '--period', '2016-12', '--json'));
  const first = scores.units[0].indicators.find((i) => i.id === 'quotes_per_user').score;
  assert.ok(heat.includes(first), `the heat map shows ${first}`);
  await s.scrollTo('[data-testid="heatmap"]');
  await s.screenshot('kpi-heatmap.png');
});

test('a wrong figure is marked in place and nothing is saved', async () => {
  await s.click('[data-testid="tab-entry"]');
  await s.waitValue('[data-testid="cell-ZB-ZC-users"]', (v) => v !== '');
  await s.type('[data-testid="cell-ZB-ZC-users"]', '12a');
  await s.click('[data-testid="entry-save"]');
  await s.waitText('.ant-tooltip', (t) => t.includes('不是数字'));
  assert.equal(await s.waitValue('[data-testid="cell-ZB-ZC-users"]'), '12a', 'what was typed stays for correction');
  const stored = JSON.parse(cli(db, 'kpi', 'score', '--period', '2016-12', '--json'));
  assert.ok(stored.units.some((u) => u.unit === 'ZB-ZC'), 'the database still scores ZB-ZC from its old figure');
  await s.screenshot('kpi-entry-error.png');
  // A zero for a denominator (系统用户数 divides 微信绑定率) is refused at entry, in words.
  await s.type('[data-testid="cell-ZB-ZC-users"]', '0');
  await s.click('[data-testid="entry-save"]');
  await s.waitText('.ant-tooltip', (t) => t.includes('系统用户数是比率的除数，不能为 0'));
  await s.screenshot('kpi-entry-zero.png');
  // Put back what the database holds, so leaving the tab asks nothing.
  await s.click('[data-testid="entry-reload"]');
});

test('the bulletin is exported as a PDF whose text is the ranking on screen', async () => {
  await s.click('[data-testid="tab-scores"]');
  await s.waitText('[data-testid="score-ZB-ZD-wechat_binding"]', (t) => /^\d+\.\d\d$/.test(t));
  await s.click('[data-testid="bulletin-pdf"]');
  const saved = await s.waitText('[data-testid="pdf-saved"]', (t) => t.includes('.pdf'));
  const path = saved.slice(saved.indexOf('：') + 1).trim();
  assert.ok(path.startsWith(dir) && existsSync(path), `the PDF is where the message says: ${path}`);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/ /g, '');
  assert.match(text, /考评通报/);
  assert.match(text, /张店区支公司/);
  await s.screenshot('kpi-bulletin-pdf.png');
});

test('the year is published and locked; a locked figure is refused; a prize is recorded paid', async () => {
  await s.click('[data-testid="tab-scores"]');
  await s.clickText('年度');
  // The year itself ("2016年"), not the month shown before the click takes ("2016年12月"):
  // waiting for "2016" let the test publish December while the page switched to the year.
  await s.waitText('[data-testid="score-period"]', '2016年');
  await s.waitText('[data-testid="cycle-state"]', '未发布');
  await s.click('[data-testid="cycle-publish"]');
  await s.confirmOk('[data-testid="cycle-ok"]');
  await s.waitText('[data-testid="cycle-state"]', '已发布第 1 版');
  await s.click('[data-testid="cycle-lock"]');
  await s.confirmOk();
  await s.waitText('[data-testid="cycle-state"]', (t) => t.includes('已锁定'));
  await s.screenshot('kpi-locked.png');
  const status = JSON.parse(cli(db, 'kpi', 'status', '--period', '2016', '--json'));
  assert.equal(status.lock.period, '2016', 'the database holds the lock');
  assert.equal(status.publications[0].version, 1);

  // A December figure belongs to the locked year: saving it is refused, in words, and the
  // database keeps the old figure.
  await s.click('[data-testid="tab-entry"]');
  const old = await s.waitValue('[data-testid="cell-ZB-ZC-users"]', (v) => v !== '');
  await s.type('[data-testid="cell-ZB-ZC-users"]', String(Number(old) + 1));
  await s.press('s', { ctrl: true });
  await s.waitText('.ant-message', (t) => t.includes('已锁定的 2016'));
  await s.screenshot('kpi-locked-refused.png');
  await s.click('[data-testid="entry-reload"]');

  // 奖励兑现: the six year-end prizes, due the month after; the first is recorded paid.
  await s.click('[data-testid="tab-payouts"]');
  await s.waitText('[data-testid="payouts-table"]', (t) => t.includes('营销管理系统推广先进单位'));
  const reg = JSON.parse(cli(db, 'kpi', 'payouts', '--period', '2016', '--json'));
  assert.equal(reg.rows.length, 6);
  assert.equal(reg.total, '8800.00');
  const first = reg.rows[0].id;
  await s.click(`[data-testid="payout-pay-${first}"]`);
  await s.confirmOk('[data-testid="payout-ok"]');
  await s.waitText(`[data-testid="payout-paid-${first}"]`, (t) => t.includes('已兑现'));
  await s.screenshot('kpi-payouts.png');
  const after = JSON.parse(cli(db, 'kpi', 'payouts', '--period', '2016', '--json'));
  assert.ok(after.rows.find((r) => r.id === first).paid_at, 'the payment is in the database');
  await s.click('[data-testid="payouts-export"]');
  const saved = await s.waitText('[data-testid="xlsx-saved"]', (t) => t.includes('.xlsx'));
  const path = saved.slice(saved.indexOf('：') + 1).trim();
  const strings = execFileSync('unzip', ['-p', path, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.match(strings, /营销管理系统推广先进单位/);
});

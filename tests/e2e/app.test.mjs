// End-to-end: the real Branchdesk window (Tauri + WebKitGTK) under Xvfb, driven through
// tauri-driver, on a fresh demo database made by the real CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, Session, cli, cliAs, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8' });
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

test('the window opens on the home page with the database figures, in Chinese', async () => {
  const info = JSON.parse(cli(db, 'info', '--json'));
  assert.equal(await s.waitText('[data-testid="stat-units"]', info.counts.units), String(info.counts.units));
  assert.equal(await s.text('[data-testid="stat-people"]'), String(info.counts.people));
  assert.equal(await s.text('[data-testid="stat-positions"]'), String(info.counts.positions));
  assert.equal(await s.text('[data-testid="stat-departments"]'), String(info.counts.departments));
  const latest = info.periods.at(-1); // "2016-12"
  const [y, m] = latest.split('-');
  assert.equal(await s.text('[data-testid="stat-latest-kpi"]'), `${y}年${Number(m)}月`);
  // the open and overdue items are the board's, counted from the demo's own day (2016-12-28),
  // which a banner shows: not "逾期3701天" against the computer's clock
  const open = JSON.parse(cli(db, 'actions', '--json')).length;
  const overdue = JSON.parse(cli(db, 'actions', '--overdue', '--json'));
  assert.ok(open > 0 && overdue.length > 0 && overdue.length <= open);
  assert.equal(await s.text('[data-testid="stat-open-actions"]'), String(open));
  assert.equal(await s.text('[data-testid="stat-overdue-actions"]'), String(overdue.length));
  assert.match(await s.text('[data-testid="site-today"]'), /今天按 2016-12-28 计算/);
  assert.equal(await s.text('[data-testid="site-name"]'), info.site.name);
  assert.equal(await s.text('[data-testid="site-role"]'), '单位');
  assert.equal(await s.title(), 'Branchdesk 分支管理台');

  const nav = ['home', 'org', 'plans', 'minutes', 'kpi', 'levels', 'reports', 'sync', 'settings'];
  const zh = ['首页', '组织架构', '计划', '会议纪要', '考核', '职级', '报表', '同步', '设置'];
  for (const [i, key] of nav.entries()) assert.equal(await s.text(`[data-testid="nav-${key}"]`), zh[i]);
  await s.screenshot('home-zh.png');
});

test('the monitoring board lights each unit as the CLI judges it, and a light opens its plan', async () => {
  const board = JSON.parse(cli(db, 'board', '--json'));
  const names = { red: '预警', amber: '关注', missing: '无数据', green: '正常' };
  for (const l of ['red', 'amber', 'green']) assert.ok(board.rows.some((r) => r.light === l), `the demo has a ${l} unit`);
  for (const r of board.rows) {
    assert.equal(await s.waitText(`[data-testid="board-light-${r.unit_code}"]`, names[r.light]), names[r.light], r.unit_name);
  }
  // Each light carries the CLI's reason, word for word.
  const zd = board.rows.find((r) => r.unit_code === 'ZB-ZD').signals.find((x) => x.check === 'plans');
  const label = await s.cmd('POST', '/execute/sync', {
    script: 'return document.querySelector(\'[data-testid="board-cell-ZB-ZD-plans"]\').getAttribute("aria-label")',
    args: [],
  });
  assert.equal(label, `计划进度：${zd.reason}`);
  await s.screenshot('home-board.png');
  // Only the red ones.
  const red = board.rows.filter((r) => r.light === 'red').length;
  await s.clickText(`预警（${red}）`);
  await s.waitGone('[data-testid="board-light-ZB-LZ"]');
  const shown = await s.cmd('POST', '/execute/sync', { script: 'return document.querySelectorAll("[data-testid^=board-light-]").length', args: [] });
  assert.equal(shown, red);
  // The workbook holds the reasons.
  await s.click('[data-testid="board-export"]');
  const saved = await s.waitText('[data-testid="xlsx-saved"]', (t) => t.includes('.xlsx'));
  const strings = execFileSync('unzip', ['-p', saved.slice(saved.indexOf('：') + 1).trim(), 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.ok(strings.includes(zd.reason), 'the reason is in the workbook');
  // The plans light opens the plan behind it.
  await s.click('[data-testid="board-cell-ZB-ZD-plans"]');
  await s.waitValue('[data-testid="plan-title"]', (v) => v === '到期续保全部分配到人');
  await s.press('\uE00C');
  await s.waitGone('.ant-drawer-open');
  await s.click('[data-testid="nav-home"]');
});

test('the language switch turns the whole shell to English and back', async () => {
  await s.clickText('English');
  await s.waitText('[data-testid="nav-org"]', 'Organisation');
  assert.equal(await s.text('[data-testid="nav-settings"]'), 'Settings');
  assert.equal(await s.text('[data-testid="site-role"]'), 'Unit');
  assert.equal(await s.text('[data-testid="current-period"]'), 'Dec 2016');
  await s.screenshot('home-en.png');
  await s.clickText('中文');
  await s.waitText('[data-testid="nav-org"]', '组织架构');
});

test('settings are saved to the database', async () => {
  await s.click('[data-testid="nav-settings"]');
  await s.type('[data-testid="settings-site-name"]', '淄博市分公司（测试）');
  await s.click('[data-testid="settings-save"]');
  await s.waitText('[data-testid="site-name"]', '淄博市分公司（测试）');
  await s.screenshot('settings-zh.png');
  // The CLI reads the same file while the app has it open (WAL).
  assert.equal(JSON.parse(cli(db, 'info', '--json')).site.name, '淄博市分公司（测试）');
});

test('Ctrl+L locks the window; the database is closed until the password is typed again', async () => {
  await s.click('[data-testid="nav-home"]');
  await s.waitText('[data-testid="stat-units"]', (t) => t.length > 0);
  await s.press('l', { ctrl: true });
  await s.waitText('[data-testid="lock-hint"]', (t) => t.includes('韩立新（总经理） 锁定了窗口'));
  await s.waitGone('[data-testid="stat-units"]');
  await s.screenshot('locked.png');
  // A wrong password does not open it.
  await s.type('[data-testid="signin-password"]', 'not-the-password');
  await s.click('#signin-submit');
  assert.match(await s.waitText('[data-testid="signin-error"]', (t) => t.length > 0), /密码不正确/);
  await s.type('[data-testid="signin-password"]', DEMO_PASSWORD);
  await s.click('#signin-submit');
  await s.waitText('[data-testid="stat-units"]', (t) => t.length > 0);
  assert.equal(await s.text('[data-testid="signed-in-as"]'), '韩立新（总经理）');
  // The failed try is in the account log.
  const log = cliAs('ZB-002', db, 'users', 'log');
  assert.match(log, /ZB-001\t登录失败/);
});

test('a line of the home page work list opens its record; a search hit opens the document itself', async () => {
  await s.click('[data-testid="nav-home"]');
  await s.waitText('[data-testid="work-list"]', (t) => t.includes('逾期'));
  await s.screenshot('home-work.png');
  // The overdue incoming document (mid-December's, still with a handler) is on the list.
  const docs = JSON.parse(cli(db, 'docs', 'list', '--overdue', '--json')).incoming;
  assert.ok(docs.length > 0);
  const title = docs[0].title;
  const lines = await s.cmd('POST', '/execute/sync', {
    script: 'return [...document.querySelectorAll("[data-testid^=work-]")].filter((e) => /^work-\\d+$/.test(e.dataset.testid)).map((e) => [e.dataset.testid, e.textContent]);',
    args: [],
  });
  const line = lines.find(([, text]) => text.includes(title) && text.includes('收文办理'));
  assert.ok(line, `${title} not on the work list: ${JSON.stringify(lines.slice(0, 5))}`);
  await s.click(`[data-testid="${line[0]}"]`);
  // It opens the 收文 tab on that document, highlighted.
  const row = await s.waitText('[data-testid="incoming-table"] .bd-highlight', (t) => t.includes(title));
  assert.match(row, /逾期/);
  await s.screenshot('work-opens-document.png');
  // A search hit for an outgoing document opens its drawer.
  const out = JSON.parse(cli(db, 'docs', 'list', '--json')).outgoing.find((d) => d.number);
  await s.type('[data-testid="global-search"] input, input[data-testid="global-search"]', out.title.slice(0, 8));
  await s.press('\uE007');
  await s.waitText('[data-testid="search-results"]', (t) => t.includes(out.title));
  const clicked = await s.cmd('POST', '/execute/sync', {
    script: 'const hit = [...document.querySelectorAll(".bd-search-hit")].find((e) => e.textContent.includes(arguments[0])); if (hit) hit.click(); return !!hit;',
    args: [out.title],
  });
  assert.ok(clicked);
  await s.waitText('.ant-drawer-open .ant-drawer-title', (t) => t.includes(out.number));
  await s.press('\uE00C');
  await s.waitGone('.ant-drawer-open');
});

test('the 职级 page runs the example level table over the example staff, month by month', async () => {
  const root = join(import.meta.dirname, '..', '..', 'assets', 'levels');
  await s.click('[data-testid="nav-levels"]');
  // The files as the file dialog gives them; the months come from the figures' header.
  const send = async (css, file) => s.cmd('POST', `/element/${await s.find(css)}/value`, { text: join(root, file) });
  await send('[data-testid="levels-table-input"]', 'sales-2017.toml');
  await send('[data-testid="levels-data-input"]', 'sales-2017.csv');
  await s.waitText('[data-testid="levels-data-name"]', 'sales-2017.csv');
  assert.equal(await s.cmd('POST', '/execute/sync', { script: 'return document.querySelector(arguments[0]).value', args: ['[data-testid="levels-to"]'] }), '2017-06');
  await s.click('[data-testid="levels-run"]');
  await s.waitText('[data-testid="levels-report"]', (t) => t.includes('5 人'));
  // The window says what the CLI says.
  const run = JSON.parse(
    cli(db, 'levels', 'run', '--table', join(root, 'sales-2017.toml'), '--data', join(root, 'sales-2017.csv'), '--from', '2017-01', '--to', '2017-06', '--json'),
  );
  for (const p of run.people) {
    for (const [i, m] of run.months.entries()) {
      assert.equal(await s.text(`[data-testid="levels-cell-${p.code}-${m}"]`), p.months[i].level, `${p.code} ${m}`);
    }
  }
  // 周强's dismissal and 赵敏's decision come first, for the manager.
  const flags = await s.waitText('[data-testid="levels-flags"]', (t) => t.includes('周强'));
  assert.match(flags, /视为开除/);
  assert.match(flags, /赵敏.*营销总经理/);
  await s.click('[data-testid="levels-row-ZB-S02"] .ant-table-row-expand-icon');
  await s.waitText('[data-testid="levels-notes-ZB-S02"]', (t) => t.includes('重新升回高级专员'));
  await s.screenshot('levels.png');
});

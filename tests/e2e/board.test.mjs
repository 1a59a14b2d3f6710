// End-to-end: headquarters' demo (four cities brought in by their real bundles) in the real
// window: the monitoring board comes first on 首页, lights and reasons as the CLI judges them,
// and the KPI page ranks every sub-branch of the four cities with a heat map.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-board-'));
const db = join(dir, 'hq.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo', '--role', 'hq');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4457);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

test('headquarters sees every city and sub-branch on its board, a silent city in red', async () => {
  const board = JSON.parse(cli(db, 'board', '--json'));
  const names = { red: '预警', amber: '关注', missing: '无数据', green: '正常' };
  // Four cities and their 44 sub-branches, all of it arrived by bundle.
  assert.equal(board.rows.length, 48);
  for (const l of ['red', 'amber', 'green']) assert.ok(board.rows.some((r) => r.light === l), l);
  const dz = board.rows.find((r) => r.unit_code === 'DZ');
  const silent = dz.signals.find((x) => x.check === 'bundle');
  assert.equal(silent.light, 'red');
  assert.match(silent.reason, /2016-11-21（37 天前）/);

  await s.waitText('[data-testid="site-role"]', '总部');
  // The board comes before the work list at headquarters, paged 20 rows at a time.
  const first = await s.cmd('POST', '/execute/sync', {
    script: 'const b = document.querySelector("[data-testid=board]"); const w = document.querySelector("[data-testid=work-list]"); return !!b && !!w && !!(b.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING)',
    args: [],
  });
  assert.ok(first, 'the board is above the work list');
  for (const r of board.rows.slice(0, 20)) {
    assert.equal(await s.waitText(`[data-testid="board-light-${r.unit_code}"]`, names[r.light]), names[r.light], r.unit_name);
  }
  const label = await s.cmd('POST', '/execute/sync', {
    script: 'return document.querySelector(\'[data-testid="board-cell-DZ-bundle"]\').getAttribute("aria-label")',
    args: [],
  });
  assert.equal(label, `同步包：${silent.reason}`);
  await s.screenshot('hq-board.png');

  // The silent city's light opens the 同步 page.
  await s.click('[data-testid="board-cell-DZ-bundle"]');
  await s.waitText('[data-testid="nav-sync"]', (t) => t.length > 0);
  await s.waitText('.ant-table', (t) => t.includes('德州市分公司'));
  await s.click('[data-testid="nav-home"]');
});

test('the KPI page ranks the four cities\' sub-branches together, with the heat map', async () => {
  await s.click('[data-testid="nav-kpi"]');
  const scores = JSON.parse(cli(db, 'kpi', 'score', '--period', '2016-12', '--json'));
  assert.equal(scores.units.length, 44);
  const top = scores.units[0];
  assert.equal(await s.waitText(`[data-testid="total-${top.unit}"]`, top.total), top.total);
  await s.waitText('[data-testid="heatmap"]', (t) => t.includes('德城区支公司') && t.includes('奎文区支公司'));
  // Under each unit its 系统推广专员, as `kpi specialists` names them.
  const sp = JSON.parse(cli(db, 'kpi', 'specialists', '--period', '2016-12', '--json')).rows[0];
  assert.equal(sp.unit, top.unit);
  await s.waitText(`[data-testid="specialist-${sp.unit}"]`, (t) => t.includes(sp.person_name));
  await s.scrollTo(`[data-testid="specialist-${sp.unit}"]`);
  await s.screenshot('hq-specialists.png');
  await s.scrollTo('[data-testid="heatmap"]');
  await s.screenshot('hq-heatmap.png');
});

test("headquarters follows up a unit's red light from the board, with the board's reason", async () => {
  await s.click('[data-testid="nav-home"]');
  const dz = JSON.parse(cli(db, 'board', '--json')).rows.find((r) => r.unit_code === 'DZ');
  const plans = dz.signals.find((x) => x.check === 'plans');
  assert.equal(plans.light, 'red');
  // Expand 德州's row: every reason, each red or amber one with 督办.
  await s.click('[data-testid="board-row-DZ"] .ant-table-row-expand-icon');
  await s.click('[data-testid="board-raise-DZ-plans"]');
  await s.waitText('[data-testid="followup-reason"]', plans.reason);
  await s.type('[data-testid="followup-request"]', '请说明2017年度发展计划编制滞后的原因，1月6日前报送');
  await s.screenshot('hq-followup-raise.png');
  await s.confirmOk('#followup-raise-ok');
  await s.waitText('[data-testid="board-raised-DZ-plans"]', (t) => t.includes('待答复'));
  await s.waitText('[data-testid="followups"]', (t) => t.includes('德州市分公司') && t.includes('1月6日前报送'));
  const rows = JSON.parse(cli(db, 'board', 'followups', '--json')).rows;
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].unit, rows[0].check, rows[0].state, rows[0].reason], ['DZ', 'plans', 'open', plans.reason]);
  assert.equal(rows[0].due, '2017-01-04', "a week after the demo's day by default");
  await s.scrollTo('[data-testid="followups"]');
  await s.screenshot('hq-followups.png');
});

test('headquarters publishes a day of the working-day calendar in 设置', async () => {
  await s.click('[data-testid="nav-settings"]');
  await s.click('[data-testid="settings-tab-calendar"]');
  await s.waitText('[data-testid="calendar-days"]', (t) => t.includes('总部尚未发布'));
  await s.type('[data-testid="calendar-day"] input, input[data-testid="calendar-day"]', '2027-01-01');
  await s.press('\uE007');
  await s.type('[data-testid="calendar-note"]', '元旦');
  await s.click('[data-testid="calendar-add"]');
  await s.waitText('[data-testid="calendar-days"]', (t) => t.includes('2027-01-01') && t.includes('放假') && t.includes('元旦'));
  await s.screenshot('hq-calendar.png');
  const days = JSON.parse(cli(db, 'calendar', 'list', '--json')).days;
  assert.deepEqual(days, [{ day: '2027-01-01', working: false, note: '元旦' }]);
  // A Friday is not made a "weekend day worked": refused, and said why.
  await s.type('[data-testid="calendar-day"] input, input[data-testid="calendar-day"]', '2027-01-08');
  await s.press('\uE007');
  await s.choose('[data-testid="calendar-kind"]', '调休上班');
  await s.click('[data-testid="calendar-add"]');
  assert.match(await s.waitText('[data-testid="calendar-error"]', (t) => t.length > 0), /2027-01-08 是工作日/);
});

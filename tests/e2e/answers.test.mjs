// End-to-end: headquarters (CLI) publishes two quarters; the unit's real window confirms one
// sub-branch's results and appeals another's, naming the indicator; headquarters (CLI) sees the
// appeal with its ruling deadline, refuses it with grounds, and the window shows the ruling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, passcodeOf, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-answers-'));
const unitDb = join(dir, 'zb.db');
const hqDb = join(dir, 'hq.db');
let driver;
let s;

before(async () => {
  cli(hqDb, 'init', '--role', 'hq', '--site-name', '集团总部', '--group-name', '齐鲁示范保险集团');
  const code = passcodeOf(cli(hqDb, 'sync', 'enrol', '--unit', 'ZB', '--out', join(dir, 'enrol.bdk')));
  cli(unitDb, 'init', '--demo');
  cli(unitDb, 'sync', 'import', join(dir, 'enrol.bdk'), '--passcode', code);
  cli(unitDb, 'sync', 'export', '--out', join(dir, 'u1.bdk'));
  cli(hqDb, 'sync', 'import', join(dir, 'u1.bdk'));
  const scheme = JSON.parse(cli(hqDb, 'kpi', 'scheme', 'list', '--json'))[0].id;
  cli(hqDb, 'kpi', 'publish', '--scheme-id', scheme, '--period', '2016-Q3');
  cli(hqDb, 'kpi', 'publish', '--scheme-id', scheme, '--period', '2016-Q4');
  cli(hqDb, 'sync', 'export', '--to', 'ZB', '--out', join(dir, 'd1.bdk'));
  cli(unitDb, 'sync', 'import', join(dir, 'd1.bdk'));
  driver = await startDriver({ BRANCHDESK_DB: unitDb, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4455);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const atHq = (period, unit) => JSON.parse(cli(hqDb, 'kpi', 'results', '--period', period, '--json')).rows.find((r) => r.unit === unit);

test("a unit confirms one result and appeals another; headquarters' ruling comes back", async () => {
  await s.waitText('[data-testid="stat-units"]', '13');
  // 首页 lists the results to answer; the line opens the 结果确认与申诉 tab.
  await s.waitText('[data-testid="work-list"]', (t) => t.includes('2016-Q3 考核结果（第 1 版）待确认或申诉'));
  await s.clickText('2016-Q3 考核结果（第 1 版）待确认或申诉');
  await s.waitText('[data-testid="answer-state-ZB-GX-2016-Q3-1"]', '待确认');

  await s.click('[data-testid="answer-confirm-ZB-GX-2016-Q3"]');
  await s.confirmOk();
  await s.waitText('[data-testid="answer-state-ZB-GX-2016-Q3-1"]', '已确认');

  await s.click('[data-testid="answer-appeal-ZB-ZD-2016-Q4"]');
  await s.choose('[data-testid="answer-indicator"]', '微信绑定率');
  await s.type('[data-testid="answer-text"]', '12月绑定数漏报38户，附系统截图');
  // The evidence, picked as the file dialog would.
  const shot = join(dir, '绑定数截图.png');
  writeFileSync(shot, randomBytes(120_000));
  const input = await s.find('[data-testid="answer-file-input"]');
  await s.cmd('POST', `/element/${input}/value`, { text: shot });
  await s.waitText('[data-testid="answer-file-list"]', (t) => t.includes('绑定数截图.png'));
  await s.screenshot('answers-appeal.png');
  await s.confirmOk('[data-testid="answer-ok"]');
  await s.waitText('[data-testid="answer-state-ZB-ZD-2016-Q4-1"]', '已申诉，待裁决');
  await s.screenshot('answers-unit.png');

  // Up to headquarters: the confirmation and the appeal, with the day it must rule by.
  cli(unitDb, 'sync', 'export', '--out', join(dir, 'u2.bdk'));
  cli(hqDb, 'sync', 'import', join(dir, 'u2.bdk'));
  assert.equal(atHq('2016-Q3', 'ZB-GX').state, 'confirmed');
  const appeal = atHq('2016-Q4', 'ZB-ZD');
  assert.equal(appeal.state, 'appealed');
  assert.equal(appeal.indicator, 'wechat_binding');
  assert.match(appeal.ruling_due, /^\d{4}-\d\d-\d\d$/);
  // The file arrived byte for byte.
  assert.equal(appeal.evidence.length, 1);
  cli(hqDb, 'kpi', 'evidence', '--id', appeal.evidence[0].id, '--out', join(dir, 'got.png'));
  assert.ok(readFileSync(join(dir, 'got.png')).equals(readFileSync(shot)), 'the evidence is the file attached');
  cli(hqDb, 'kpi', 'rule', '--response', appeal.response_id, '--comment', '系统数据以月末快照为准，不予调整');
  cli(hqDb, 'sync', 'export', '--to', 'ZB', '--out', join(dir, 'd2.bdk'));
  cli(unitDb, 'sync', 'import', join(dir, 'd2.bdk'));

  // The window shows the ruling with its grounds once the list is read again.
  await s.click('[data-testid="tab-scores"]');
  await s.click('[data-testid="tab-answers"]');
  await s.waitText('[data-testid="answer-state-ZB-ZD-2016-Q4-1"]', '申诉驳回');
  await s.waitText('[data-testid="answers-table"]', (t) => t.includes('月末快照'));
  await s.screenshot('answers-ruled.png');
});

test("headquarters follows up a red light; the unit reports in the window; the report goes back up", async () => {
  // Headquarters (CLI, on the computer's day) follows up 张店's overdue items, red on its board
  // (the demo's 2016 items are long past due), due in a week.
  const due = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
  const raised = cli(hqDb, 'board', 'follow-up', '--unit', 'ZB-ZD', '--check', 'overdue', '--request', '请清理逾期事项并报送整改措施', '--due', due);
  const id = raised.trim().split(/\s+/)[0];
  assert.match(id, /^[0-9a-f]{32}$/, raised);
  cli(hqDb, 'sync', 'export', '--to', 'ZB', '--out', join(dir, 'd3.bdk'));
  cli(unitDb, 'sync', 'import', join(dir, 'd3.bdk'));

  // The unit's home page lists it as work and in 总部督办; the work line leads to the card.
  await s.click('[data-testid="nav-kpi"]');
  await s.click('[data-testid="nav-home"]');
  await s.waitText('[data-testid="work-list"]', (t) => t.includes('总部督办：逾期事项'));
  await s.clickText('总部督办：逾期事项');
  await s.waitText(`[data-testid="followup-state-${id}"]`, '待答复');
  await s.click(`[data-testid="followup-answer-${id}"]`);
  await s.type('[data-testid="followup-note"]', '到期续保已全部分配到人，12月27日完成');
  await s.screenshot('followup-report.png');
  await s.confirmOk('#followup-step-ok');
  await s.waitText(`[data-testid="followup-state-${id}"]`, '已答复待办结');
  await s.waitText(`[data-testid="followup-report-${id}"]`, (t) => t.includes('12月27日完成'));
  await s.waitText('[data-testid="work-list"]', (t) => !t.includes('总部督办：逾期事项'));
  await s.scrollTo('[data-testid="followups"]');
  await s.screenshot('followup-reported.png');

  // Up: headquarters has the report, for this round, and closes it.
  cli(unitDb, 'sync', 'export', '--out', join(dir, 'u3.bdk'));
  cli(hqDb, 'sync', 'import', join(dir, 'u3.bdk'));
  const atHqNow = JSON.parse(cli(hqDb, 'board', 'followups', '--json')).rows.find((f) => f.id === id);
  assert.equal(atHqNow.state, 'reported');
  assert.equal(atHqNow.done_on, '2016-12-28', "the unit's day, the demo's");
  assert.match(atHqNow.report, /12月27日完成/);
  cli(hqDb, 'board', 'close', '--id', id);
  cli(hqDb, 'sync', 'export', '--to', 'ZB', '--out', join(dir, 'd4.bdk'));
  cli(unitDb, 'sync', 'import', join(dir, 'd4.bdk'));
  await s.click('[data-testid="nav-kpi"]');
  await s.click('[data-testid="nav-home"]');
  await s.waitText(`[data-testid="followup-state-${id}"]`, '已办结');
  await s.waitGone(`[data-testid="followup-answer-${id}"]`, 5000);
});

// End-to-end: record a meeting in the real window, finalise it, and find its action item on
// the follow-up board; follow it up; search in Chinese from the top bar; the plans page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-minutes-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4447);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const ITEM = '整理续保到期客户回访记录';

test('a meeting recorded in the window is finalised and its action item is on the board', async () => {
  await s.waitText('[data-testid="stat-units"]', '13');
  await s.click('[data-testid="nav-minutes"]');
  await s.waitText('[data-testid="meetings-table"]', (t) => t.includes('张店区支公司周例会（第12期）'));
  await s.screenshot('minutes-list.png');
  await s.click('[data-testid="minutes-new"]');
  await s.click('[data-testid="new-meeting-ad_hoc"]');
  await s.waitValue('[data-testid="minutes-title"]', (v) => v.startsWith('专题会议'));
  await s.type('[data-testid="minutes-title"]', '续保专题会议');
  await s.choose('[data-testid="minutes-chair"]', '王建国');
  await s.choose('[data-testid="minutes-present"]', '李娜');
  await s.click('[data-testid="add-decision"]');
  await s.type('[data-testid="decision-0"]', '到期续保客户逐户回访，周五前反馈。');
  await s.click('[data-testid="add-action"]');
  await s.type('[data-testid="action-title-0"]', ITEM);
  await s.choose('[data-testid="action-owner-0"]', '李娜');
  // Finalising needs a recorder: the app says so and keeps everything typed.
  await s.click('[data-testid="minutes-finalise"]');
  await s.click('.ant-popconfirm .ant-btn-primary');
  assert.match(await s.waitText('[data-testid="minutes-error"]', (t) => t.length > 0), /主持人和记录人/);
  assert.equal(await s.waitValue('[data-testid="action-title-0"]'), ITEM);
  await s.screenshot('minutes-form-error.png');
  await s.choose('[data-testid="minutes-recorder"]', '张伟');
  await s.click('[data-testid="minutes-finalise"]');
  await s.click('.ant-popconfirm .ant-btn-primary');
  await s.confirmPassword(); // finalising is a signing act
  await s.waitText('.ant-message', (t) => t.includes('已定稿'));
  await s.waitText('.ant-drawer-title', (t) => t.includes('已定稿 v1'));
  await s.screenshot('minutes-final.png');
  await s.press('\uE00C'); // Esc closes the drawer
  await s.waitGone('.ant-drawer-open');

  await s.click('[data-testid="tab-board"]');
  // The board is long and virtual: filter it to the item, as a user would.
  await s.type('[data-testid="board-filter"] input, input[data-testid="board-filter"]', ITEM);
  const board = await s.waitText('[data-testid="action-board"]', (t) => t.includes(ITEM));
  assert.match(board, /李娜/);
  assert.match(board, /续保专题会议/);
  await s.screenshot('minutes-board.png');

  // The database agrees: the item is open, owned by 李娜, and the minutes are final.
  const items = JSON.parse(cli(db, 'actions', '--json'));
  const item = items.find((a) => a.title === ITEM);
  assert.equal(item.owner_name, '李娜');
  assert.equal(item.status, 'open');
  const meetings = JSON.parse(cli(db, 'minutes', 'list', '--json'));
  assert.equal(meetings.find((m) => m.title === '续保专题会议').status, 'final');
});

test('following an item up to 已完成 takes it off the board', async () => {
  // A new item is not overdue: with 只看逾期 the filtered board is empty, without it the item is back.
  await s.click('[data-testid="board-overdue"]');
  await s.waitText('[data-testid="board-count"]', (t) => t.startsWith('共 0 项'));
  await s.screenshot('minutes-board-overdue.png');
  await s.click('[data-testid="board-overdue"]');
  await s.waitText('[data-testid="action-board"]', (t) => t.includes(ITEM));
  // Follow up the new item: done.
  // The board is a virtual table: rows are elements with the row class, not <tr>.
  const row = `//*[contains(@class,'ant-table-row')][.//span[normalize-space(text())='${ITEM}']]//*[@data-testid='followup']`;
  const el = await s.findXPath(row);
  await s.cmd('POST', `/element/${el}/click`, {});
  await s.choose('[data-testid="followup-status"]', '已完成');
  await s.click('.ant-modal .ant-btn-primary');
  await s.waitText('.ant-message', (t) => t.includes('已记录跟进情况'));
  await s.waitText('[data-testid="board-count"]', (t) => t.startsWith('共 0 项'));
  const items = JSON.parse(cli(db, 'actions', '--all', '--json'));
  assert.equal(items.find((a) => a.title === ITEM).status, 'done');
});

test('searching 续保 from the top bar finds minutes, items and plans', async () => {
  await s.type('[data-testid="global-search"] input', '续保');
  await s.press('\uE007');
  const results = await s.waitText('[data-testid="search-results"]', (t) => t.includes('计划') && t.includes('督办事项'));
  assert.match(results, /续保专题会议/);
  const marks = await s.cmd('POST', '/execute/sync', {
    script: 'return [...document.querySelectorAll("[data-testid=search-results] mark")].map((m) => m.textContent)',
    args: [],
  });
  assert.ok(marks.length > 0 && marks.every((m) => m === '续保'), JSON.stringify(marks));
  await s.screenshot('search-results.png');
  await s.press('\uE00C');
});

test('the plans page shows the tree with progress and refuses to submit unbalanced weights', async () => {
  await s.click('[data-testid="nav-plans"]');
  const table = await s.waitText('[data-testid="plans-table"]', (t) => t.includes('淄博市分公司2016年度发展计划'));
  assert.match(table, /77\.93%/);
  await s.screenshot('plans.png');
  await s.clickText('淄博市分公司2017年度发展计划（草案）');
  await s.click('[data-testid="tab-flow"]');
  // The steps appear once the plan's detail has loaded (slower on a loaded machine).
  await s.waitValue('[data-testid="plan-comment"]');
  await s.click('[data-testid="plan-submit"]');
  assert.match(await s.waitText('[data-testid="plan-error"]', (t) => t.length > 0), /权重合计须为 100/);
  await s.screenshot('plans-weights.png');
  await s.press('\uE00C'); // Esc closes the drawer
  await s.waitGone('.ant-drawer-open');
});

test('the 报表 page saves the minutes of a finalised meeting as a PDF', async () => {
  await s.click('[data-testid="nav-reports"]');
  // The newest finalised meeting is preselected: the one recorded above.
  await s.waitText('[data-testid="card-minutes"]', (t) => t.includes('续保专题会议'));
  await s.click('[data-testid="report-minutes"]');
  const saved = await s.waitText('[data-testid="pdf-saved"]', (t) => t.includes('.pdf'));
  const path = saved.slice(saved.indexOf('/'));
  assert.ok(path.startsWith(dir), path);
  const text = execFileSync('pdftotext', [path, '-']).toString().replace(/\s/g, '');
  assert.match(text, /续保专题会议纪要/);
  assert.match(text, new RegExp(ITEM));
  assert.match(text, /主持人签字/);
  await s.screenshot('reports.png');
  // The monthly analysis of November (the month before the current one), from the same page.
  await s.click('[data-testid="report-analysis"]');
  const analysis = await s.waitText('[data-testid="pdf-saved"]', (t) => t.includes('经营分析报告-2016-11.pdf'));
  const pdf = analysis.slice(analysis.indexOf('/'));
  const body = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s/g, '');
  assert.match(body, /淄博市分公司2016年11月经营分析报告/);
  assert.match(body, /二、经营监控/);
  assert.match(body, /张店区支公司/);
});

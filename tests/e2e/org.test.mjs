// End-to-end: add a position in the real window, find it on the drawn chart, and be stopped
// with a clear message when a change would make the reporting lines go round in a circle.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-org-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4446);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const choose = (testid, text) => s.choose(`[data-testid="${testid}"]`, text);

/** Types into the chart's search box and picks the first match, which centres the chart on it. */
async function findOnChart(text) {
  await s.type('input[data-testid="chart-search"], [data-testid="chart-search"] input', text);
  await s.waitText('[data-testid="chart-search-option"]', (t) => t.includes(text));
  await s.click('[data-testid="chart-search-option"]');
  await s.waitGone('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="chart-search-option"]');
}

test('the chart shows the demo organisation with its people', async () => {
  await s.waitText('[data-testid="stat-units"]', '13');
  await s.click('[data-testid="nav-org"]');
  await findOnChart('王丽');
  assert.match(await s.waitText('[data-testid="node-ZB-P-COPY"]', (t) => t.includes('王丽')), /文案/);
  await s.screenshot('org-chart.png');
});

test('a position added in the drawer appears on the chart under its superior', async () => {
  await s.click('[data-testid="org-new"]');
  await s.click('[data-testid="new-position"]');
  await s.type('[data-testid="position-code"]', 'ZB-P-NEWM');
  await s.type('[data-testid="position-title"]', '新媒体专员');
  await choose('position-unit', '运营部');
  await choose('position-superior', '运营主管');
  await s.click('[data-testid="position-save"]');
  await s.waitText('.ant-message', (t) => t.includes('已保存'));
  await findOnChart('新媒体专员');
  assert.match(await s.waitText('[data-testid="node-ZB-P-NEWM"]', (t) => t.includes('新媒体专员')), /空缺/);
  await s.screenshot('org-chart-new-position.png');
  // The database agrees: the new position hangs under 运营主管.
  const tree = JSON.parse(cli(db, 'org', 'tree', '--unit', 'ZB-OPS', '--json'));
  const lead = tree.nodes.find((n) => n.code === 'ZB-P-OPSM');
  const added = tree.nodes.find((n) => n.code === 'ZB-P-NEWM');
  assert.equal(added.parent, lead.id);
});

test('a reporting line that goes round in a circle is refused with the positions named', async () => {
  await findOnChart('总经理');
  await s.pointAndClick('[data-testid="node-ZB-P-GM"] rect');
  await choose('position-superior', '新媒体专员');
  await s.click('[data-testid="position-save"]');
  const msg = await s.waitText('[data-testid="form-error"]', (t) => t.includes('循环'));
  assert.match(msg, /总经理（ZB-P-GM）/);
  assert.match(msg, /新媒体专员（ZB-P-NEWM）/);
  await s.screenshot('org-cycle-refused.png');
  // Closing the drawer asks before it throws the typed change away.
  await s.click('.ant-drawer-open .ant-drawer-close');
  await s.click('[data-testid="unsaved-discard"]');
  await s.waitGone('.ant-drawer-open');
  const tree = JSON.parse(cli(db, 'org', 'tree', '--view', 'reporting', '--json'));
  assert.equal(tree.nodes.find((n) => n.code === 'ZB-P-GM').parent, null, 'nothing changed');
});

test('the tables list positions and the reporting view draws positions only', async () => {
  await s.click('[data-testid="tab-positions"]');
  await s.type('input[data-testid="org-filter"], [data-testid="org-filter"] input', '新媒体');
  await s.waitText('[data-testid="positions-table"]', (t) => t.includes('新媒体专员') && !t.includes('总经理'));
  await s.screenshot('org-positions-table.png');
  await s.click('[data-testid="tab-chart"]');
  await s.click('[data-testid="view-reporting"]');
  await findOnChart('运营总监');
  await s.waitText('[data-testid="node-ZB-P-OPSD"]', (t) => t.includes('周海峰'));
  await s.screenshot('org-chart-reporting.png');
});

test('the history of a unit shows its rename, and undoing it brings the old name back', async () => {
  await s.click('[data-testid="tab-units"]');
  await s.type('input[data-testid="org-filter"], [data-testid="org-filter"] input', '营销');
  await s.waitText('[data-testid="units-table"]', (t) => t.includes('营销管理部'));
  await s.click('[data-testid="units-table"] .ant-table-row');
  await s.click('[data-testid="tab-history"]');
  await s.waitText('[data-testid="org-history"]', (t) => t.includes('名称：市场部 → 营销管理部'));
  await s.screenshot('org-history.png');
  await s.clickText('撤回此变更');
  await s.click('.ant-popconfirm .ant-btn-primary');
  await s.waitText('.ant-message', (t) => t.includes('已撤回'));
  const units = JSON.parse(cli(db, 'org', 'tree', '--unit', 'ZB', '--json')).nodes;
  assert.equal(units.find((n) => n.code === 'ZB-MKT').title, '市场部');
  await s.type('input[data-testid="org-filter"], [data-testid="org-filter"] input', 'ZB-MKT');
  await s.waitText('[data-testid="units-table"]', (t) => t.includes('市场部') && !t.includes('营销管理部'));
});

test('the org chart is exported as a PDF that names its people', async () => {
  await s.click('[data-testid="org-export"]');
  await s.click('[data-testid="org-export-pdf"]');
  const path = (await s.waitText('[data-testid="export-paths"]', (t) => t.endsWith('.pdf'))).trim();
  assert.ok(path.startsWith(dir), path);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  assert.match(text, /组织架构图/);
  assert.match(text, /周海峰/);
  await s.confirmOk('.ant-modal-confirm-btns .ant-btn');
});

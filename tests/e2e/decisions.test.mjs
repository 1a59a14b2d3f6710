// End-to-end: headquarters approves a unit's plan in the real window. The plan is the unit's
// record, so the window does not change it: it writes headquarters' decision, shows it waiting,
// exports it to the unit; the unit (CLI) applies it on import and sends its plan back; the
// window imports that and shows the plan approved and the decision done.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, passcodeOf, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-decisions-'));
const unitDb = join(dir, 'zb.db');
const hqDb = join(dir, 'hq.db');
const PLAN = '一季度开门红：保费收入同比增长12%';
let driver;
let s;

before(async () => {
  cli(hqDb, 'init', '--role', 'hq', '--site-name', '集团总部', '--group-name', '齐鲁示范保险集团');
  const code = passcodeOf(cli(hqDb, 'sync', 'enrol', '--unit', 'ZB', '--out', join(dir, 'enrol.bdk')));
  cli(unitDb, 'init', '--demo');
  cli(unitDb, 'sync', 'import', join(dir, 'enrol.bdk'), '--passcode', code);
  cli(unitDb, 'plans', 'step', PLAN, 'submit');
  cli(unitDb, 'sync', 'export', '--out', join(dir, 'u1.bdk'));
  cli(hqDb, 'sync', 'import', join(dir, 'u1.bdk'));
  driver = await startDriver({ BRANCHDESK_DB: hqDb, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4452);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const status = (db) => JSON.parse(cli(db, 'plans', 'list', '--json')).find((p) => p.title === PLAN).status;

test("headquarters approves a unit's plan; the unit applies the decision and the result comes back", async () => {
  await s.click('[data-testid="nav-plans"]');
  await s.waitText('[data-testid="plans-table"]', (t) => t.includes(PLAN) && t.includes('已上报'));
  await s.clickText(PLAN);
  await s.click('[data-testid="tab-flow"]');
  await s.type('[data-testid="plan-comment"]', '同意，请抓好落实');
  await s.click('[data-testid="plan-approve"]');
  await s.confirmPassword(); // approving is a signing act
  assert.match(await s.waitText('[data-testid="decision-note"]', (t) => t.includes('同步包')), /将随下一个同步包发给「淄博市分公司」/);
  await s.screenshot('decision-waiting.png');
  // The unit's record is unchanged here until the unit has applied the decision.
  assert.equal(status(hqDb), 'submitted');
  await s.press('\uE00C'); // Escape closes the drawer
  await s.waitText('[data-testid="decision-waiting"]', '总部已批准 · 待单位同步');

  await s.click('[data-testid="nav-sync"]');
  await s.waitText('[data-testid="sync-decisions"]', (t) => t.includes(PLAN) && t.includes('待单位同步'));
  await s.screenshot('decision-sync.png');
  await s.click('[data-testid="peer-export"]');
  const saved = await s.waitText('[data-testid="sync-exported"]', (t) => t.includes('已导出第 1 号同步包'));
  const down = saved.match(/(\/\S+\.bdk)/)[1];
  assert.ok(existsSync(down), down);

  // The unit applies it as its own change and says so.
  const r = JSON.parse(cli(unitDb, 'sync', 'import', down, '--json'));
  assert.equal(r.outcome, 'applied');
  assert.match(r.message, /总部批准了计划「一季度开门红：保费收入同比增长12%」：同意，请抓好落实/);
  assert.equal(status(unitDb), 'approved');
  cli(unitDb, 'sync', 'export', '--out', join(dir, 'u2.bdk'));

  // Back at headquarters through the window.
  const input = await s.find('[data-testid="sync-file"]');
  await s.cmd('POST', `/element/${input}/value`, { text: join(dir, 'u2.bdk') });
  await s.waitText('[data-testid="sync-imported"]', (t) => t.includes('第 2 号同步包'));
  await s.waitText('[data-testid="sync-decisions"]', (t) => t.includes('单位已执行'));
  await s.screenshot('decision-done.png');
  assert.equal(status(hqDb), 'approved');
  await s.click('[data-testid="nav-plans"]');
  await s.waitText('[data-testid="plans-table"]', (t) => t.includes(PLAN) && t.includes('已批准'));
  await s.waitGone('[data-testid="decision-waiting"]');
});

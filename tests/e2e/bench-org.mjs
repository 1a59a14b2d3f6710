// The org chart at 5,000 nodes in the real window: time to open the page with the chart drawn
// (collapsed below two levels), to expand and draw every node, and to find a person by name
// (search → path opened → chart centred on them, painted). Times are measured inside the page
// from the click to the next painted frame; median of 5. Prints figures; asserts nothing
// (a benchmark, not a test).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-bench-org-'));
const db = join(dir, 'org.db');
const xlsx = join(dir, 'org.xlsx');
// 250 units + 4,750 positions = 5,000 boxes in the unit view; 10,000 people.
execFileSync(join(ROOT, 'target/release/examples/gen_org'), ['250', '4750', '10000', xlsx]);
cli(db, 'init');
cli(db, 'org', 'import', xlsx, '--effective', '2016-01-01');
const driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8' }, 4450);
const s = await Session.create(driver.base);

/** Runs `action` (JS) in the page, then resolves with the ms until `done` (JS expression) holds
 * on a painted frame. */
async function timeInPage(action, done) {
  // The code is inlined into the WebDriver script (the app's CSP rightly forbids eval).
  return s.cmd('POST', '/execute/async', {
    script: `const cb = arguments[arguments.length - 1];
      const t0 = performance.now();
      ${action};
      const check = () => (${done}) ? requestAnimationFrame(() => cb(performance.now() - t0)) : requestAnimationFrame(check);
      requestAnimationFrame(check);`,
    args: [],
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const click = (testid) => `document.querySelector('[data-testid="${testid}"]').click()`;
const count = (shown) => `document.querySelector('[data-testid="chart-count"]')?.textContent.startsWith('显示 ${shown} /')`;

try {
  await s.waitText('[data-testid="stat-units"]', (t) => t !== '');
  const open = [];
  const expand = [];
  const find = [];
  const withPeople = JSON.parse(cli(db, 'org', 'tree', '--json')).nodes.filter((n) => n.people.length > 0);
  for (let i = 0; i < 5; i++) {
    await s.click('[data-testid="nav-home"]');
    open.push(await timeInPage(click('nav-org'), `document.querySelector('[data-testid="chart-count"]') && document.querySelectorAll('[data-node]').length > 0`));
    const total = Number((await s.text('[data-testid="chart-count"]')).match(/\/ (\d+)/)[1]);
    expand.push(await timeInPage(click('chart-expand-all'), count(total)));
    // Collapse again, then find a person deep in the chart by name.
    await s.click('[data-testid="chart-collapse-all"]');
    const who = withPeople[4000 + i * 100];
    const name = who.people[0].name;
    await s.type('input[data-testid="chart-search"], [data-testid="chart-search"] input', name);
    await s.waitText('[data-testid="chart-search-option"]', (t) => t.includes(name));
    // Names repeat in a big organisation: take the first match, as a user would, and wait for
    // its box to be painted highlighted with the path to it opened.
    const option = `document.querySelector('[data-testid="chart-search-option"]').closest('.ant-select-item').click()`;
    find.push(await timeInPage(option, `document.querySelector('[data-node] rect[stroke="#fa541c"]')`));
    if (i === 0) {
      console.log(`nodes: ${total}; searched ${name}`);
      await s.screenshot('bench-org-found.png');
    }
  }
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`open 组织架构 with the chart drawn: ${fmt(open)}`);
  console.log(`expand all and draw:              ${fmt(expand)}`);
  console.log(`find a person and centre on them: ${fmt(find)}`);
} catch (e) {
  await s.screenshot('bench-org-failed.png');
  throw e;
} finally {
  await s.close();
  driver.stop();
}

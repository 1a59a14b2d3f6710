// The follow-up board with every open action item of a large database (made by
// `work_bench`: ~7,700 meetings, ~23,000 open items) in the real window: time from clicking the
// 督办事项 tab to the first rows painted, and to filtering down to the overdue ones. Measured in
// the page to the next painted frame; median of 5. Prints figures; asserts nothing.
import { Session, startDriver } from './webdriver.mjs';

const db = process.argv[2];
if (!db) throw new Error('usage: node bench-minutes.mjs DATABASE');
const driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8' }, 4451);
const s = await Session.create(driver.base);

async function timeInPage(action, done) {
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
const rows = `document.querySelectorAll('[data-testid="action-board"] .ant-table-row').length > 0 && !document.querySelector('[data-testid="action-board"] .ant-spin-spinning')`;

try {
  await s.waitText('[data-testid="stat-units"]', (t) => t !== '');
  await s.click('[data-testid="nav-minutes"]');
  await s.waitText('[data-testid="meetings-table"]', (t) => t.length > 0, 60000);
  const open = [];
  const overdue = [];
  for (let i = 0; i < 5; i++) {
    await s.click('[data-testid="tab-meetings"]');
    open.push(await timeInPage(click('tab-board'), rows));
    const count = await s.text('[data-testid="board-count"]');
    overdue.push(await timeInPage(click('board-overdue'), `document.querySelector('[data-testid="board-count"]').textContent !== ${JSON.stringify(count)}`));
    await s.click('[data-testid="board-overdue"]');
    if (i === 0) {
      console.log(`board: ${count}`);
      await s.screenshot('bench-minutes-board.png');
    }
  }
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`open the follow-up board:     ${fmt(open)}`);
  console.log(`show only the overdue items:  ${fmt(overdue)}`);
} catch (e) {
  await s.screenshot('bench-minutes-failed.png');
  throw e;
} finally {
  await s.close();
  driver.stop();
}

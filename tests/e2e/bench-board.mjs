// The monitoring board of a large database (made by `board_bench`: the demo and 14,000 more
// sub-branches with figures, plans and items) in the real window: time from clicking 首页 to
// the board's first rows painted, and to showing only the red units. Measured in the page to
// the next painted frame; median of 5. Prints figures; asserts nothing.
import { Session, startDriver } from './webdriver.mjs';

const db = process.argv[2];
if (!db) throw new Error('usage: node bench-board.mjs DATABASE');
const driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8' }, 4458);
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
const rows = `document.querySelectorAll('[data-testid^="board-light-"]').length > 0`;

try {
  await s.waitText('[data-testid="board"]', (t) => t.includes('预警'), 120000);
  const open = [];
  const red = [];
  for (let i = 0; i < 5; i++) {
    await s.click('[data-testid="nav-org"]');
    await s.waitGone('[data-testid="board"]');
    open.push(await timeInPage(click('nav-home'), rows));
    const all = await s.cmd('POST', '/execute/sync', { script: 'return document.querySelector("[data-testid=board-filter]").textContent', args: [] });
    red.push(
      await timeInPage(
        `[...document.querySelectorAll('[data-testid="board-filter"] .ant-segmented-item')].find((e) => e.textContent.startsWith('预警')).click()`,
        `[...document.querySelectorAll('[data-testid^="board-light-"]')].every((e) => e.textContent === '预警')`,
      ),
    );
    if (i === 0) {
      console.log(`board: ${all}`);
      await s.screenshot('bench-board.png');
    }
  }
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`open 首页 to the board's rows:  ${fmt(open)}`);
  console.log(`show only the red units:       ${fmt(red)}`);
} catch (e) {
  await s.screenshot('bench-board-failed.png');
  throw e;
} finally {
  await s.close();
  driver.stop();
}

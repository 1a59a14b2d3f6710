// Layout: every page at 1024 × 700 and 1920 × 1080, in Chinese and in English, as screenshots
// to look at, with two measured checks: the top bar is one line high (nothing wraps under the
// page title), and no table's last column is cut off (it is inside the window or its table
// scrolls sideways, and no cell of it clips its own content, as "撤" for 撤回 was).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-layout-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8' }, 4453);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const PAGES = ['home', 'org', 'plans', 'minutes', 'docs', 'kpi', 'levels', 'reports', 'sync', 'settings'];

// Measured in the page: the header's height and its title's line count; every visible table's
// last column against the window and its scroll container; cells of that column that clip.
const MEASURE = `
const header = document.querySelector('.bd-header');
const name = document.querySelector('[data-testid=site-name]');
const lineHeight = parseFloat(getComputedStyle(name).lineHeight) || 22;
const problems = [];
if (header.getBoundingClientRect().height > 72) problems.push('top bar ' + Math.round(header.getBoundingClientRect().height) + ' px high');
if (name.getBoundingClientRect().height > lineHeight * 1.5) problems.push('site name wraps: ' + Math.round(name.getBoundingClientRect().height) + ' px');
for (const el of header.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && el.children.length === 0 && el.textContent.trim() && r.bottom > header.getBoundingClientRect().bottom + 1) {
    problems.push('top bar text below the bar: ' + el.textContent.trim().slice(0, 20));
    break;
  }
}
const scrolls = (el) => {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth + 1) return true;
  }
  return false;
};
for (const table of document.querySelectorAll('.ant-table-wrapper')) {
  if (!table.offsetParent) continue;
  const ths = table.querySelectorAll('thead th');
  if (!ths.length) continue;
  const last = ths[ths.length - 1];
  const right = last.getBoundingClientRect().right;
  const label = (table.dataset.testid || table.closest('[data-testid]')?.dataset.testid || 'table');
  if (right > window.innerWidth + 1 && !scrolls(last)) problems.push(label + ': last column cut at the window edge');
  for (const td of table.querySelectorAll('tbody tr td:last-child')) {
    if (td.scrollWidth > td.clientWidth + 2 && getComputedStyle(td).overflow !== 'visible') {
      problems.push(label + ': last column clips "' + td.textContent.trim().slice(0, 12) + '"');
      break;
    }
  }
}
return problems;
`;

for (const [w, h] of [
  [1024, 700],
  [1920, 1080],
]) {
  for (const lang of ['zh', 'en']) {
    test(`every page at ${w} × ${h} in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
      await s.cmd('POST', '/window/rect', { width: w, height: h });
      await s.clickText(lang === 'zh' ? '中文' : 'English');
      await s.waitText('[data-testid="nav-org"]', lang === 'zh' ? '组织架构' : 'Organisation');
      const found = [];
      for (const page of PAGES) {
        await s.click(`[data-testid="nav-${page}"]`);
        await s.settle();
        await new Promise((r) => setTimeout(r, 700));
        await s.screenshot(`layout-${w}-${lang}-${page}.png`);
        const problems = await s.cmd('POST', '/execute/sync', { script: MEASURE, args: [] });
        for (const p of problems) found.push(`${page}: ${p}`);
        if (page === 'docs') {
          // The outgoing register, whose action column was cut ("撤" for 撤回).
          await s.click('[data-testid="tab-outgoing"]');
          await s.waitText('[data-testid="outgoing-table"]', (t) => t.length > 0);
          await s.screenshot(`layout-${w}-${lang}-docs-outgoing.png`);
          for (const p of await s.cmd('POST', '/execute/sync', { script: MEASURE, args: [] })) found.push(`docs (outgoing): ${p}`);
          await s.click('[data-testid="tab-incoming"]');
        }
      }
      assert.deepEqual(found, [], `at ${w} × ${h} (${lang}):\n${found.join('\n')}`);
    });
  }
}

// Cold start of the real app to its sign-in screen, then from pressing 登录 to the home page
// showing the database figures (key derivation, opening the encrypted database, first page),
// median of 5 runs each, and the resident memory of the app and its WebKit processes after start. Prints figures;
// asserts nothing about time (a benchmark, not a test).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, Session, cli, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-bench-'));
const db = join(dir, 'demo.db');
cli(db, 'init', '--demo');
const units = JSON.parse(cli(db, 'info', '--json')).counts.units;
const driver = await startDriver({ BRANCHDESK_DB: db });

function rssKiB(pattern) {
  let pids = [];
  try {
    pids = execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return 0;
  }
  return pids.reduce((sum, pid) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return sum + (m ? Number(m[1]) : 0);
    } catch {
      return sum;
    }
  }, 0);
}

const times = [];
const signIns = [];
const inPage = [];
const steps = [];
let mem = null;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const s = await Session.create(driver.base, APP, { signIn: null });
  await s.waitText('[data-testid="demo-people"]', (t) => t.length > 0, 30000);
  times.push(performance.now() - t0);
  await s.type('[data-testid="signin-login"]', 'ZB-001');
  await s.type('[data-testid="signin-password"]', 'zibo2016');
  const t1 = performance.now();
  await s.click('#signin-submit');
  await s.waitText('[data-testid="stat-units"]', units, 30000);
  signIns.push(performance.now() - t1);
  // Inside the page, without WebDriver's round trips: from pressing 登录 to the figures shown,
  // and where the time went (User Timing marks set by the app).
  const marks = await s.cmd('POST', '/execute/sync', {
    script: 'return performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]);',
    args: [],
  });
  const at = Object.fromEntries(marks);
  inPage.push(at['home:shown'] - at['signin:submit']);
  steps.push({
    derive_and_open: at['signin:opened'] - at['signin:submit'],
    door_and_settings: at['app:settings'] - at['signin:opened'],
    render_shell: at['home:mounted'] - at['app:settings'],
    dashboard: at['home:data'] - at['home:mounted'],
    render_home: at['home:shown'] - at['home:data'],
  });
  if (i === 4) {
    await new Promise((r) => setTimeout(r, 1000));
    mem = { app: rssKiB(APP), webkit: rssKiB('WebKitWebProcess') + rssKiB('WebKitNetworkProcess') };
  }
  await s.close();
}
driver.stop();
times.sort((a, b) => a - b);
signIns.sort((a, b) => a - b);
console.log(`${APP}`);
console.log(`cold start to the sign-in screen (ms): ${times.map((t) => t.toFixed(0)).join(', ')}; median ${times[2].toFixed(0)}`);
console.log(`sign-in to home figures, through WebDriver (ms): ${signIns.map((t) => t.toFixed(0)).join(', ')}; median ${signIns[2].toFixed(0)}`);
const order = inPage.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0]);
const mid = steps[order[2][1]];
console.log(`sign-in to home figures, in the page (ms): ${order.map(([t]) => t.toFixed(0)).join(', ')}; median ${order[2][0].toFixed(0)}`);
console.log(`  the median run: ${Object.entries(mid).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
console.log(`resident memory after start: app ${(mem.app / 1024).toFixed(1)} MiB, WebKit processes ${(mem.webkit / 1024).toFixed(1)} MiB`);

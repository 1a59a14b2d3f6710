// The installed package's app (BRANCHDESK_APP, e.g. /usr/bin/branchdesk-desktop) starts on a
// fresh home directory: it creates the demo database in the app-data directory, its sign-in
// screen opens, the general manager signs in and the home page shows the demo's figures.
// Run by .ci/deb-test under Xvfb; prints the time from launch to the figures.
import assert from 'node:assert/strict';
import { Session, startDriver } from './webdriver.mjs';

const app = process.env.BRANCHDESK_APP;
assert.ok(app, 'BRANCHDESK_APP names the installed app');
const driver = await startDriver({ LANG: 'zh_CN.UTF-8' }, 4460);
let s;
try {
  const t0 = Date.now();
  s = await Session.create(driver.base, app);
  await s.waitText('[data-testid="stat-units"]', '13');
  const ms = Date.now() - t0;
  assert.match(await s.title(), /分支管理台/);
  await s.screenshot('installed-home.png');
  console.log(`installed app: first start (demo database made), sign-in and home page in ${ms} ms`);
} finally {
  await s?.close();
  driver.stop();
}

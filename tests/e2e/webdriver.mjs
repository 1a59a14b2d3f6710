// A small W3C WebDriver client for driving the real Branchdesk window through tauri-driver
// (which forwards to WebKitWebDriver). No dependencies: Node's fetch is enough.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = join(ROOT, 'tests/e2e/out');
// BRANCHDESK_APP picks another build (e.g. target/release/branchdesk-desktop for benchmarks).
export const APP = process.env.BRANCHDESK_APP ?? join(ROOT, 'target/debug/branchdesk-desktop');
export const CLI = join(ROOT, 'target/debug/branchdesk');

/** The demo's published password; every demo person (and the first administrator of the
 * non-demo databases the tests make) signs in with it. */
export const DEMO_PASSWORD = 'zibo2016';

/** Runs the CLI as the general manager of the demo (ZB-001), or as `user`. */
export function cli(db, ...args) {
  return cliAs('ZB-001', db, ...args);
}

export function cliAs(user, db, ...args) {
  return execFileSync(CLI, ['--db', db, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, BRANCHDESK_LANG: 'zh-CN', BRANCHDESK_USER: user, BRANCHDESK_PASSWORD: DEMO_PASSWORD },
  });
}

/** The passcode `sync enrol` printed (read out to the unit by phone). */
export function passcodeOf(output) {
  const m = output.match(/入网口令：([0-9A-Z-]+)/);
  if (!m) throw new Error(`no passcode in: ${output}`);
  return m[1];
}

/** Starts tauri-driver with the app's environment; resolves once it accepts connections. */
export async function startDriver(env, port = 4444) {
  const tauriDriver = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? '/root', '.cargo/bin/tauri-driver');
  // Each driver gets its own native port too, so test files can run side by side.
  const args = ['--port', String(port), '--native-port', String(port + 1000), '--native-driver', '/usr/bin/WebKitWebDriver'];
  // Its own process group: `stop` ends the driver, WebKitWebDriver and the app together, even
  // if the app outlives its session (it would otherwise hold the stderr pipe open and keep
  // the test runner waiting).
  const proc = spawn(tauriDriver, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    proc.stderr.destroy();
  };
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/status`);
      return { proc, base, stop, stderr: () => stderr };
    } catch {
      await sleep(100);
    }
  }
  stop();
  throw new Error(`tauri-driver did not start: ${stderr}`);
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /** Opens the window and signs in as `signIn` (the demo's general manager unless told
   * otherwise; `null` stays on the sign-in screen). */
  static async create(base, application = APP, { signIn = 'ZB-001' } = {}) {
    const value = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    const s = new Session(base, value.sessionId);
    if (signIn) await s.signIn(signIn);
    return s;
  }

  /** Signs in on the sign-in screen, as a person would. */
  async signIn(login, password = DEMO_PASSWORD) {
    await this.type('[data-testid="signin-login"]', login);
    await this.type('[data-testid="signin-password"]', password);
    await this.click('#signin-submit');
    await this.waitText('[data-testid="signed-in-as"]', (t) => t.length > 0);
  }

  /** Types the password again when a signing act asks for it. */
  async confirmPassword(password = DEMO_PASSWORD) {
    await this.type('[data-testid="confirm-password"]', password);
    await this.click('#confirm-ok');
    await this.waitGone('[data-testid="confirm-password"]');
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return elementId(v);
  }

  async findXPath(xpath) {
    const v = await this.cmd('POST', '/element', { using: 'xpath', value: xpath });
    return elementId(v);
  }

  async text(css) {
    return this.cmd('GET', `/element/${await this.find(css)}/text`);
  }

  /** Clicks `css`, waiting (up to `timeoutMs`) for it to appear and for overlays to go. */
  async click(css, timeoutMs = 5000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        // A drawer or menu still sliding in would move the target under the pointer; and a
        // dialog the last click opened may only start zooming in after the first look (CI
        // left a dialog open when its button was pressed mid-zoom). So wait for the page to
        // settle, find the target, and press it only once it has stayed where it is.
        await this.settle();
        const el = await this.find(css);
        await this.steady(el);
        return await this.cmd('POST', `/element/${el}/click`, {});
      } catch (e) {
        if (Date.now() > end || !/no such element|intercepted|not interactable|stale/.test(String(e.message))) {
          throw new Error(`click ${css}: ${e.message}`);
        }
        await sleep(100);
      }
    }
  }

  /** Presses the primary button of the open confirmation dialog and waits until it has
   * closed. A click delivered while the dialog still zooms in can land beside the moving button
   * (CI once left the dialog open this way): so if the dialog is still open and its button is not
   * busy after 3 s, press it again (at most three times). */
  async confirmOk(css = '.ant-modal-confirm .ant-btn-primary') {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.click(css);
      const end = Date.now() + 3000;
      while (Date.now() < end) {
        const state = await this.cmd('POST', '/execute/sync', {
          script: `const b = [...document.querySelectorAll(arguments[0])].filter((e) => e.offsetParent !== null);
                   return b.length === 0 ? 'closed' : b.some((e) => e.classList.contains('ant-btn-loading')) ? 'busy' : 'open';`,
          args: [css],
        });
        if (state === 'closed') return;
        await sleep(state === 'busy' ? 200 : 100);
      }
    }
    throw new Error(`${css}: the dialog is still open after three presses`);
  }

  /** Waits (up to 1 s) until element `el` is where it was 50 ms before and nothing animates. */
  async steady(el) {
    let last = null;
    for (let i = 0; i < 20; i++) {
      // Read in the page (WebKitWebDriver's rect command refuses an element scrolled out of
      // its list as "not interactable", which the click itself would scroll into view).
      const now = await this.cmd('POST', '/execute/sync', {
        script: 'const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join();',
        args: [{ 'element-6066-11e4-a52e-4f735466cecf': el }],
      });
      if (now === last) return;
      last = now;
      await sleep(50);
      await this.settle();
    }
  }

  /** Waits (up to 1 s) until no CSS transition or animation is running. */
  async settle() {
    for (let i = 0; i < 20; i++) {
      const running = await this.cmd('POST', '/execute/sync', {
        script: "return document.getAnimations().filter((a) => a.playState === 'running').length",
        args: [],
      });
      if (running === 0) return;
      await sleep(50);
    }
  }

  /** Moves the pointer to the middle of `css` and clicks there, as a mouse would; for SVG
   * shapes, which WebDriver's element click refuses. */
  async pointAndClick(css) {
    const el = await this.find(css);
    const origin = { 'element-6066-11e4-a52e-4f735466cecf': el };
    await this.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', origin, x: 0, y: 0 },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  /** Scrolls `css` into the middle of the view (for a screenshot of it). */
  async scrollTo(css) {
    await this.cmd('POST', '/execute/sync', {
      script: 'document.querySelector(arguments[0])?.scrollIntoView({ block: "center" })',
      args: [css],
    });
  }

  async clickText(text) {
    const el = await this.findXPath(`//*[normalize-space(text())='${text}']`);
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(css, text) {
    // As a user would: focus the field, select its text, type over it. (WebDriver's "clear"
    // bypasses React's controlled inputs, and WebKitWebDriver drops a Ctrl+A chord here.)
    // WebKitWebDriver answers before the page has taken every key, and a drawer that
    // re-renders while keys arrive can lose some: so wait until the field holds the text, and
    // type again (at most three times) if it does not. Keys ending in a control key such as
    // Enter leave the field and are sent once.
    const plain = /^[^\uE000-\uF8FF]*$/.test(text);
    let held = null;
    for (let attempt = 0; attempt < (plain ? 3 : 1); attempt++) {
      await this.click(css);
      const el = await this.find(css);
      await this.cmd('POST', '/execute/sync', { script: 'document.querySelector(arguments[0]).select()', args: [css] });
      await this.cmd('POST', `/element/${el}/value`, { text });
      if (!plain) return;
      for (let i = 0; i < 40; i++) {
        held = await this.cmd('POST', '/execute/sync', {
          script: 'const e = document.querySelector(arguments[0]); return e && "value" in e ? e.value : null',
          args: [css],
        });
        if (held === null || held === text) return;
        await sleep(50);
      }
    }
    throw new Error(`${css}: typed "${text}" three times but the field holds "${held}"`);
  }

  /** Picks the first option of the Ant Design select `css` whose label contains `text`. */
  async choose(css, text) {
    await this.click(css);
    // The select's search box is focused by the click; type into whatever has the focus.
    const active = await this.cmd('GET', '/element/active');
    const id = Object.values(active)[0];
    await this.cmd('POST', `/element/${id}/value`, { text });
    // Wait for the list to filter down to the typed text (other, hidden lists may exist too).
    for (let i = 0; i < 100; i++) {
      const shown = await this.cmd('POST', '/execute/sync', {
        script: 'return [...document.querySelectorAll(".ant-select-item-option-active")].map((e) => e.textContent).join("|")',
        args: [],
      });
      if (shown.includes(text)) break;
      await sleep(50);
    }
    await this.press('\uE007'); // Enter
    // The select shows the choice (a tag in multiple mode, whose test id may sit on the input).
    for (let i = 0; i < 200; i++) {
      const shown = await this.cmd('POST', '/execute/sync', {
        script: 'const e = document.querySelector(arguments[0]); return e ? (e.closest(".ant-select") ?? e).textContent : ""',
        args: [css],
      });
      if (shown.includes(text)) return;
      await sleep(50);
    }
    throw new Error(`${css}: "${text}" was not chosen`);
  }

  /** Presses a key (W3C key value, e.g. '\uE00C' for Escape) or a chord with Control. */
  async press(key, { ctrl = false } = {}) {
    const down = [...(ctrl ? [{ type: 'keyDown', value: '\uE009' }] : []), { type: 'keyDown', value: key }];
    const up = [{ type: 'keyUp', value: key }, ...(ctrl ? [{ type: 'keyUp', value: '\uE009' }] : [])];
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
  }

  /** Polls until the input `css` exists and has a value satisfying `ok` (default: any). */
  async waitValue(css, ok = () => true, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const v = await this.cmd('POST', '/execute/sync', {
        script: 'const e = document.querySelector(arguments[0]); return e ? e.value : null',
        args: [css],
      });
      if (v !== null && ok(v)) return v;
      await sleep(50);
    }
    throw new Error(`${css}: no acceptable value after ${timeoutMs} ms`);
  }

  /** Polls until no element matches `css`. */
  async waitGone(css, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const n = await this.cmd('POST', '/execute/sync', { script: 'return document.querySelectorAll(arguments[0]).length', args: [css] });
      if (n === 0) return;
      await sleep(50);
    }
    throw new Error(`${css} still present after ${timeoutMs} ms`);
  }

  async title() {
    return this.cmd('GET', '/title');
  }

  /** Polls until `css` exists and its text satisfies `ok` (or equals it); returns the text. */
  async waitText(css, ok, timeoutMs = 20000) {
    const test = typeof ok === 'function' ? ok : (t) => t === String(ok);
    const end = Date.now() + timeoutMs;
    let last = '(not found)';
    while (Date.now() < end) {
      try {
        last = await this.text(css);
        if (test(last)) return last;
      } catch {
        // not rendered yet
      }
      await sleep(50);
    }
    throw new Error(`${css}: gave ${JSON.stringify(last)} after ${timeoutMs} ms${await this.context()}`);
  }

  /** What the page is telling the user (messages, open dialogs), for a failure's text: CI
   * keeps the log, not the screenshots. */
  async context() {
    try {
      const said = await this.cmd('POST', '/execute/sync', {
        script:
          "return [...document.querySelectorAll('.ant-message-notice, .ant-modal-wrap:not([style*=\"display: none\"]) .ant-modal, .ant-alert, .ant-form-item-explain-error')].map((e) => e.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean).join(' | ')",
        args: [],
      });
      return said ? `; the page shows: ${said}` : '; the page shows no message or dialog';
    } catch {
      return '';
    }
  }

  async screenshot(name) {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, name);
    // Let the page paint what the test just waited for (animations settle in ~300 ms).
    await sleep(400);
    writeFileSync(file, Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'));
    return file;
  }

  async close() {
    try {
      await this.cmd('DELETE', '');
    } catch {
      // the app may already be gone
    }
  }
}

/** A W3C element reference is an object with one key (the web element identifier). */
function elementId(ref) {
  return Object.values(ref)[0];
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${json.value?.error ?? res.status}: ${json.value?.message ?? ''}`);
  }
  return json.value;
}

// End-to-end: register an incoming document in the real window, routed to a handler, and find
// it overdue on the follow-up board once its three working days have passed (it was received
// ten days ago); the register and the CLI agree.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, cli, cliAs, startDriver } from './webdriver.mjs';

const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-docs-'));
const db = join(dir, 'demo.db');
let driver;
let s;

before(async () => {
  cli(db, 'init', '--demo');
  driver = await startDriver({ BRANCHDESK_DB: db, LANG: 'zh_CN.UTF-8', BRANCHDESK_EXPORT_DIR: dir }, 4448);
  s = await Session.create(driver.base);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

const TITLE = '关于开展客户信息安全自查的通知';
// Ten days before the demo database's own day (2016-12-28, its site clock).
const tenDaysAgo = () => '2016-12-18';

test('an incoming document registered in the window is overdue on the board after its deadline', async () => {
  await s.waitText('[data-testid="stat-units"]', '13');
  await s.click('[data-testid="nav-docs"]');
  await s.waitText('[data-testid="incoming-table"]', (t) => t.includes('齐保运一'));
  await s.screenshot('docs-incoming.png');
  await s.click('[data-testid="docs-new"]');
  // Without a handler the registration is refused and says what to do.
  await s.type('[data-testid="incoming-sender"]', '省分公司办公室');
  await s.type('[data-testid="incoming-title"]', TITLE);
  await s.click('[data-testid="incoming-save"]');
  assert.match(await s.waitText('[data-testid="incoming-error"]', (t) => t.length > 0), /阅办/);
  // Received ten days ago (registered late); routed to 马俊.
  const received = tenDaysAgo();
  await s.type('.ant-drawer [data-testid="incoming-received"] input, .ant-drawer input[data-testid="incoming-received"]', received);
  await s.press('\uE007');
  await s.choose('[data-testid="incoming-handlers"]', '马俊');
  await s.screenshot('docs-register.png');
  await s.click('[data-testid="incoming-save"]');
  await s.waitText('.ant-message', (t) => t.includes('已登记并分送阅办'));
  const table = await s.waitText('[data-testid="incoming-table"]', (t) => t.includes(TITLE));
  assert.match(table, /逾期\d+天/);

  await s.click('[data-testid="nav-minutes"]');
  await s.click('[data-testid="tab-board"]');
  await s.click('[data-testid="board-overdue"]');
  // The board is long and virtual: filter it by the title, as a user would.
  await s.type('[data-testid="board-filter"] input, input[data-testid="board-filter"]', '信息安全自查');
  const board = await s.waitText('[data-testid="action-board"]', (t) => t.includes(TITLE));
  await s.screenshot('docs-board-overdue.png');
  assert.match(board, /马俊/);
  assert.match(board, /逾期\d+天/);
  // The source column is truncated with an ellipsis, which WebDriver's visible text leaves out.
  const source = await s.cmd('POST', '/execute/sync', {
    script: 'return document.querySelector("[data-testid=action-board] .ant-table-tbody, [data-testid=action-board] .ant-table-body").textContent',
    args: [],
  });
  assert.match(source, /收文：省分公司办公室/);

  const listed = JSON.parse(cli(db, 'docs', 'list', '--overdue', '--json')).incoming;
  const doc = listed.find((d) => d.title === TITLE);
  assert.equal(doc.received_on, received);
  assert.ok(doc.overdue_days > 0);
  assert.equal(doc.handlers[0].owner_name, '马俊');
  // Its 阅办单 prints.
  const pdf = join(dir, 'slip.pdf');
  cli(db, 'report', 'slip', '--id', doc.id, '--out', pdf);
  const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s/g, '');
  assert.match(text, new RegExp(TITLE));
  assert.match(text, /马俊/);
});

test('an issued document opens with its dispatch log, and a sending is recorded', async () => {
  await s.click('[data-testid="nav-docs"]');
  await s.click('[data-testid="tab-outgoing"]');
  const table = await s.waitText('[data-testid="outgoing-table"]', (t) => t.includes('淄人保发〔2016〕24号'));
  assert.match(table, /已印发/);
  await s.click('[data-testid="outgoing-table"] a[data-number="淄人保发〔2016〕24号"]');
  await s.waitText('.ant-drawer-title', (t) => t.includes('淄人保发〔2016〕24号'));
  await s.type('.ant-drawer input[placeholder="送达部门"]', '张店区支公司');
  await s.type('.ant-drawer input[placeholder="接收人"]', '王建国');
  await s.clickText('登记送达');
  await s.waitText('.ant-drawer [data-testid="dispatches"]', (t) => t.includes('张店区支公司') && t.includes('王建国'));
  await s.screenshot('docs-outgoing-dispatch.png');
  await s.press('\uE00C');
  await s.waitGone('.ant-drawer-open');
  // The database agrees.
  const out = JSON.parse(cli(db, 'docs', 'list', '--json')).outgoing;
  assert.equal(out.find((d) => d.number === '淄人保发〔2016〕24号').status, 'issued');
});

test('the clerk cannot sign a company document; the general manager signs after typing the password again', async () => {
  const DRAFT = '关于年终安全检查的通知';
  cliAs('ZB-003', db, 'docs', 'draft', '--category', 'company', '--title', DRAFT, '--unit', 'ZB', '--drafting-unit', 'ZB-OFF');
  // The clerk (文书) at the keyboard.
  await s.click('[data-testid="sign-out"]');
  await s.waitText('[data-testid="demo-people"]', (t) => t.includes('孙倩 文书'));
  await s.screenshot('signin.png');
  await s.signIn('ZB-003');
  assert.equal(await s.waitText('[data-testid="signed-in-as"]', (t) => t.length > 0), '孙倩（文书）');
  await s.click('[data-testid="nav-docs"]');
  await s.click('[data-testid="tab-outgoing"]');
  await s.waitText('[data-testid="outgoing-table"]', (t) => t.includes(DRAFT));
  await s.click(`[data-testid="out-sign"][data-title="${DRAFT}"]`);
  await s.click('#sign-ok');
  const refused = await s.waitText('.ant-message', (t) => t.includes('总经理本人'));
  assert.match(refused, /签发公司文件须由总经理本人登录后操作，当前用户：孙倩（文书）/);
  await s.screenshot('docs-sign-refused.png');
  await s.press('\uE00C');
  await s.waitGone('.ant-modal-wrap:not([style*="display: none"]) #sign-ok');
  // The general manager signs in and signs, typing the password again.
  await s.click('[data-testid="sign-out"]');
  await s.signIn('ZB-001');
  await s.click('[data-testid="nav-docs"]');
  await s.click('[data-testid="tab-outgoing"]');
  await s.click(`[data-testid="out-sign"][data-title="${DRAFT}"]`);
  await s.click('#sign-ok');
  await s.waitValue('[data-testid="confirm-password"]');
  await s.settle();
  await s.screenshot('docs-sign-confirm.png');
  await s.confirmPassword();
  await s.waitText('[data-testid="outgoing-table"]', (t) => t.includes(DRAFT) && t.includes('韩立新'));
  const signed = JSON.parse(cli(db, 'docs', 'list', '--json')).outgoing.find((d) => d.title === DRAFT);
  assert.equal(signed.status, 'signed');
});

test('a request is written from its template, saves itself, prints in the national format, and is frozen once signed', async () => {
  const TITLE = '关于申请调整2016年度保费计划的请示';
  cliAs('ZB-003', db, 'docs', 'draft', '--category', 'company', '--title', TITLE, '--unit', 'ZB', '--drafting-unit', 'ZB-OFF');
  // The general manager is still signed in (the test before), and may draft company documents.
  // The list is read when the page opens: open it afresh to see the new draft.
  await s.click('[data-testid="nav-home"]');
  await s.click('[data-testid="nav-docs"]');
  await s.click('[data-testid="tab-outgoing"]');
  await s.waitText('[data-testid="outgoing-table"]', (t) => t.includes(TITLE));
  await s.click(`[data-testid="out-text"][data-title="${TITLE}"]`);
  await s.waitText('[data-testid="text-state"]', (t) => t.includes('尚未保存'));
  await s.choose('[data-testid="text-form"]', '请示');
  await s.waitValue('[data-testid="text-body"]', (v) => v.includes('妥否，请批示。'));
  // The fields take keys once the text's permissions have arrived (a slow machine types sooner).
  for (let i = 0; i < 100; i++) {
    const ready = await s.cmd('POST', '/execute/sync', { script: 'const e = document.querySelector("[data-testid=text-addressees]"); return !!e && !e.disabled', args: [] });
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await s.type('[data-testid="text-addressees"]', '山东省分公司');
  const body = '受持续降雨影响，一季度车险保费完成率为86.5%。\n一、调整的理由\n（一）承保车辆减少。全市新车上牌量同比下降。\n妥否，请批示。';
  // WebKitWebDriver drops "\n" from typed text: new paragraphs are typed with Enter.
  await s.type('[data-testid="text-body"]', body.replaceAll('\n', '\uE007'));
  await s.waitValue('[data-testid="text-body"]', (v) => v === body);
  await s.type('[data-testid="text-note"]', '联系人：刘晓燕，电话：0533-2288123');
  await s.waitText('[data-testid="text-state"]', (t) => t.includes('已自动保存'));
  // An attachment, picked as the file dialog would.
  const sheet = join(dir, '保费计划调整表.xlsx');
  writeFileSync(sheet, Buffer.alloc(64 * 1024, 7));
  const input = await s.find('[data-testid="file-input"]');
  await s.cmd('POST', `/element/${input}/value`, { text: sheet });
  await s.waitText('[data-testid="text-files"]', (t) => t.includes('保费计划调整表.xlsx') && t.includes('64 KB'));
  await s.settle();
  await s.screenshot('docs-text.png');
  const id = JSON.parse(cli(db, 'docs', 'list', '--json')).outgoing.find((d) => d.title === TITLE).id;
  // Saved without pressing anything: the CLI reads it back.
  const saved = JSON.parse(cli(db, 'docs', 'text', '--id', id, '--json'));
  assert.equal(saved.form, 'request');
  assert.equal(saved.addressees, '山东省分公司');
  assert.equal(saved.body, body);

  await s.click('[data-testid="text-pdf"]');
  const path = await s.waitText('[data-testid="pdf-saved"]', (t) => t.endsWith('.pdf'));
  const text = execFileSync('pdftotext', [path, '-']).toString().replace(/\s/g, '');
  for (const want of ['淄博市分公司文件', TITLE, '山东省分公司：', '一、调整的理由', '附件：保费计划调整表', '（联系人：刘晓燕，电话：0533-2288123）', '—1—']) {
    assert.ok(text.includes(want), `${want} not in ${text}`);
  }
  // The page as a picture, to look at.
  execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', '-singlefile', path, join('tests', 'e2e', 'out', 'docs-text-pdf')]);
  await s.confirmOk('.ant-modal-confirm .ant-btn-primary');
  // The close button: Escape reaches a drawer only once it has taken the focus.
  await s.click('.ant-drawer-open .ant-drawer-close');
  await s.waitGone('.ant-drawer-open');

  // Signed (the password typed again), the text is read-only, and the print names the signer.
  await s.click(`[data-testid="out-sign"][data-title="${TITLE}"]`);
  await s.click('#sign-ok');
  await s.waitValue('[data-testid="confirm-password"]');
  await s.confirmPassword();
  await s.waitText('[data-testid="outgoing-table"]', (t) => t.includes(TITLE) && t.includes('已签发'));
  await s.click(`[data-testid="out-text"][data-title="${TITLE}"]`);
  await s.waitText('.ant-drawer', (t) => t.includes('文件已签发，正文不能再改'));
  const disabled = await s.cmd('POST', '/execute/sync', { script: 'return document.querySelector("[data-testid=text-body]").disabled', args: [] });
  assert.equal(disabled, true);
  // The close button: Escape reaches a drawer only once it has taken the focus.
  await s.click('.ant-drawer-open .ant-drawer-close');
  await s.waitGone('.ant-drawer-open');
  const pdf = join(dir, 'request.pdf');
  cli(db, 'report', 'document', '--id', id, '--out', pdf);
  assert.match(execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s/g, ''), /签发人：韩立新/);
});

test('an issued document is sent to two sub-branches; one signs for it and the sender sees who has', async () => {
  const NUMBER = '淄人保发〔2016〕23号';
  await s.click('[data-testid="nav-home"]');
  await s.click('[data-testid="nav-docs"]');
  await s.click('[data-testid="tab-outgoing"]');
  await s.click(`[data-testid="outgoing-table"] a[data-number="${NUMBER}"]`);
  await s.waitText('.ant-drawer-title', (t) => t.includes(NUMBER));
  await s.choose('[data-testid="send-main"]', '张店区支公司');
  await s.press('\uE00C'); // close the open list, not the drawer
  await s.choose('[data-testid="send-cc"]', '淄川区支公司');
  await s.press('\uE00C');
  await s.click('[data-testid="send-ok"]');
  const table = await s.waitText('[data-testid="recipients"]', (t) => t.includes('张店区支公司') && t.includes('淄川区支公司'));
  assert.match(table, /主送/);
  assert.match(table, /抄送/);
  assert.equal((table.match(/未签收/g) ?? []).length, 2);
  await s.screenshot('docs-send.png');
  // The close button: Escape reaches a drawer only once it has taken the focus.
  await s.click('.ant-drawer-open .ant-drawer-close');
  await s.waitGone('.ant-drawer-open');

  // The sub-branches' documents are kept here: the 收文 register has them waiting.
  await s.click('[data-testid="tab-incoming"]');
  const inbox = await s.waitText('[data-testid="inbox"]', (t) => t.includes('待签收公文 2 件'));
  assert.match(inbox, new RegExp(NUMBER.replace(/[〔〕]/g, '.')));
  await s.screenshot('docs-inbox.png');
  await s.click('[data-testid="inbox-receive"][data-unit="张店区支公司"]');
  assert.equal(await s.waitValue('[data-testid="incoming-title"]', (v) => v.length > 0), '关于印发12月重点工作安排的通知');
  await s.choose('[data-testid="incoming-handlers"]', '马俊');
  await s.click('[data-testid="incoming-save"]');
  await s.waitText('.ant-message', (t) => t.includes('已签收'));
  await s.waitText('[data-testid="inbox"]', (t) => t.includes('待签收公文 1 件'));

  // The sender's view: 张店 signed for it today, 淄川 not yet.
  await s.click('[data-testid="tab-outgoing"]');
  await s.click(`[data-testid="outgoing-table"] a[data-number="${NUMBER}"]`);
  const after = await s.waitText('[data-testid="recipients"]', (t) => t.includes('已签收'));
  assert.match(after, /张店区支公司.*已签收.*2016-12-28/s);
  assert.equal((after.match(/未签收/g) ?? []).length, 1);
  await s.screenshot('docs-send-signed.png');
  // The close button: Escape reaches a drawer only once it has taken the focus.
  await s.click('.ant-drawer-open .ant-drawer-close');
  await s.waitGone('.ant-drawer-open');
  const detail = JSON.parse(cli(db, 'docs', 'inbox', '--json'));
  assert.deepEqual(detail.map((l) => l.unit_name), ['淄川区支公司']);
});

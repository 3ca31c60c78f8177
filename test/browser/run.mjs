#!/usr/bin/env node
// Browser tests: builds the app, starts the real API (embedded PostgreSQL in a fresh temp folder, demo data),
// drives Debian's Chromium with playwright-core through the user journeys, saves a screenshot of each step
// to test/browser/screenshots/, and stops the app (and so its database) at the end, also on failure.
//
//   npm run test:browser                 all scenarios
//   node test/browser/run.mjs intake     only scenarios whose name contains "intake"
//
// A scenario whose API is not in the OpenAPI document yet is reported as skipped (not faked).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generate, OUT as API_TYPES } from '../../apps/web/scripts/openapi-types.mjs';
import { freePort } from '../../bench/lib/procs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Ports are picked free at run time (fixed ports inside the ephemeral range collide with client sockets).
const PORT = Number(process.env.BROWSER_TEST_PORT ?? (await freePort()));
const PG_PORT = Number(process.env.BROWSER_TEST_PG_PORT ?? (await freePort()));
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(root, 'test', 'browser', 'screenshots');
// ADMIN_PASSWORD must not contain the email's name part (password policy), so not 'admin-…'.
const ADMIN = { email: 'admin@test.local', password: 'browser-test-2026' };
const MANAGER = { email: 'manager@demo.zhaoshang.local', password: 'zhaoshang2026' };
const CONSULTANT = { email: 'wang@demo.zhaoshang.local', password: 'zhaoshang2026' };
const PHONE_VIEWPORT = { width: 375, height: 667 };
const DESKTOP_VIEWPORT = { width: 1366, height: 900 };

const log = (...a) => process.stdout.write(`[browser] ${a.join(' ')}\n`);

// ---------------------------------------------------------------- app lifecycle

let app = null;
let dataDir = null;
let appLog = '';

function build() {
  log('building (node scripts/build.mjs)');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/**
 * The web app's request/response types are generated from the running API's OpenAPI document (never
 * committed), then the web app — outside the root tsconfig (DOM types, bundler resolution) — is
 * type-checked against them, so a DTO change the web app does not follow fails here.
 */
async function typecheckWeb(doc) {
  writeFileSync(API_TYPES, await generate(doc));
  log('type-checking apps/web against the generated API types (tsc -p apps/web/tsconfig.json)');
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'apps', 'web', 'tsconfig.json'), '--noEmit'],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) throw new Error('apps/web does not type-check against the API');
}

async function startApp() {
  dataDir = mkdtempSync(join(tmpdir(), 'zs-browser-'));
  chmodSync(dataDir, 0o755);
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(PG_PORT),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  app = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
    cwd: root,
    env,
    detached: true, // own process group: the embedded PostgreSQL goes down with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b) => {
    appLog = (appLog + b.toString()).slice(-20000);
  };
  app.stdout.on('data', keep);
  app.stderr.on('data', keep);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`app exited with ${app.exitCode}:\n${appLog}`);
    try {
      const r = await fetch(`${BASE}/api/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`app did not become healthy in 120 s:\n${appLog}`);
}

async function stopApp() {
  if (!app || app.exitCode !== null) return;
  const exited = new Promise((r) => app.once('exit', r));
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-app.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
  // anything left in the group (postgres children) goes too
  try {
    process.kill(-app.pid, 'SIGKILL');
  } catch {
    /* all gone */
  }
}

// ---------------------------------------------------------------- helpers

let apiPaths = new Set();
async function loadApiPaths() {
  const doc = await (await fetch(`${BASE}/api/docs/json`)).json();
  await typecheckWeb(doc);
  apiPaths = new Set();
  for (const [p, ops] of Object.entries(doc.paths ?? {}))
    for (const m of Object.keys(ops)) apiPaths.add(`${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, ':id')}`);
}
function missingApis(needs) {
  return needs.filter((n) => !apiPaths.has(n));
}

class Steps {
  constructor(page, scenario) {
    this.page = page;
    this.scenario = scenario;
    this.n = 0;
  }
  async shot(name) {
    this.n += 1;
    const file = join(SHOTS, `${this.scenario}-${String(this.n).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

async function expectTitle(page, part) {
  await page.waitForFunction((p) => document.title.includes(p), part, { timeout: 10_000 });
}

async function login(page, who) {
  await page.goto(`${BASE}/login`);
  await expectTitle(page, '员工登录');
  // keyboard only: type, Tab, type, Enter
  await page.getByLabel('Email 邮箱').focus();
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/app\//, { timeout: 15_000 });
}

/** GET an API path as one of the users (bearer token), for facts the test checks the UI against. */
async function apiAs(who, path) {
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  const { accessToken } = await login.json();
  const r = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!r.ok) throw new Error(`GET ${path} as ${who.email}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** The funnel's count for a stage, read through the API as the manager (used to check the chart moves by one). */
async function funnelCount(stage) {
  const body = await apiAs(MANAGER, '/api/reports/funnel');
  return body.steps.find((s) => s.stage === stage).count;
}

/** The consultant routing gave the lead to (a demo consultant; they share one password), or null in the pool. */
async function assignedConsultant(reference) {
  const { items } = await apiAs(MANAGER, `/api/leads?q=${encodeURIComponent(reference)}`);
  const lead = items.find((l) => l.reference === reference);
  if (!lead) throw new Error(`lead ${reference} not found`);
  if (!lead.ownerId) return null;
  const users = await apiAs(ADMIN, '/api/users');
  const owner = (Array.isArray(users) ? users : users.items).find((u) => u.id === lead.ownerId);
  return { email: owner.email, password: CONSULTANT.password, name: owner.name };
}

/** Every visible form control on the page has an accessible name (a <label>, aria-label or aria-labelledby). */
async function assertLabelled(page, where) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), textarea, select, [role=combobox]')]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('[aria-hidden="true"]'))
      .filter((el) => {
        const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        return !named && !el.closest('label');
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  assert(unlabelled.length === 0, `${where}: inputs without a label: ${unlabelled.join(' | ')}`);
}

function randomPhone() {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Shared between scenarios: the lead the investor files in the intake scenario. */
const state = { reference: null, phone: null, leadId: null, contactedBefore: null, owner: null };

/** Form.Item wrapper of the input labelled `label` (antd puts the help text there). */
function formItem(page, label) {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
}

// ---------------------------------------------------------------- scenarios

const scenarios = [
  {
    name: 'shell-public-pages',
    needs: [],
    async run(browser) {
      const ctx = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const s = new Steps(page, 'shell');
      await page.goto(`${BASE}/`);
      await expectTitle(page, '提交招商需求');
      assert((await page.getAttribute('html', 'lang')) === 'zh-CN', 'html lang is zh-CN');
      for (const label of ['需求', '用途', '税收', '公司', '联系人', '手机号']) {
        assert((await page.getByLabel(label, { exact: true }).count()) === 1, `input labelled ${label}`);
      }
      // keyboard: the first Tab reaches the skip link, then the header links, then the form
      await page.keyboard.press('Tab');
      assert((await page.evaluate(() => document.activeElement?.textContent)) === '跳到正文', 'first Tab focuses the skip link');
      const consent = page.getByLabel('我已阅读并同意上述个人信息处理告知');
      assert(!(await consent.isChecked()), 'consent starts unticked');
      assert(await page.getByText('个人信息处理告知', { exact: true }).isVisible(), 'privacy notice shown');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= PHONE_VIEWPORT.width, `no horizontal scroll at 375 px (scrollWidth ${width})`);
      await assertLabelled(page, 'intake form');
      await s.shot('intake-zh');
      await page.getByRole('button', { name: '切换到英文' }).click();
      await expectTitle(page, 'Tell us what you need');
      assert((await page.getByLabel('Mobile number', { exact: true }).count()) === 1, 'English label');
      await s.shot('intake-en');
      await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      await page.goto(`${BASE}/status?reference=ZS-TEST`);
      await expectTitle(page, '查询需求进度');
      assert((await page.getByLabel('需求编号').inputValue()) === 'ZS-TEST', 'reference from the URL');
      await assertLabelled(page, 'status page');
      // a deploy is picked up at once: the page is never cached, the hashed bundles are
      const pageCache = (await fetch(`${BASE}/app/board`)).headers.get('cache-control');
      assert(pageCache === 'no-cache', `index.html is not cached (cache-control: ${pageCache})`);
      await page.goto(`${BASE}/no-such-page`);
      await expectTitle(page, '页面不存在');
      await page.goto(`${BASE}/app/board`);
      await page.waitForURL(/\/login\?next=/);
      await s.shot('login-redirect');
      await ctx.close();
    },
  },
  {
    name: 'intake-phone-paste-fix-submit',
    needs: ['POST /api/leads', 'POST /api/leads/parse'],
    async run(browser) {
      const ctx = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const s = new Steps(page, 'intake');
      const phone = randomPhone();
      await page.goto(`${BASE}/`);
      await expectTitle(page, '提交招商需求');
      const message = [
        '需求：标准厂房3000平方米，租赁',
        '用途：新能源汽车零部件生产',
        '税收：年税收500万',
        '公司：杭州浏览器测试科技有限公司',
        '联系人：张三',
        `手机：${phone.slice(0, 10)}`, // one digit short: the investor mistyped it
      ].join('\n');
      await page.getByLabel('粘贴微信消息（可选）').fill(message);
      await s.shot('pasted');
      await page.getByRole('button', { name: '识别并填写表单' }).click();
      await page.waitForFunction(() => document.querySelector('#intake_company')?.value?.includes('浏览器测试'), null, { timeout: 10_000 });
      assert((await page.getByLabel('联系人', { exact: true }).inputValue()) === '张三', 'contact filled from the message');
      assert((await page.getByLabel('用途', { exact: true }).inputValue()).includes('新能源汽车'), 'usage filled');
      await s.shot('parsed');
      // the short phone (parsed or left empty) is refused by the API, shown next to the phone input
      await page.getByLabel('手机号', { exact: true }).fill(phone.slice(0, 10));
      await page.getByRole('button', { name: '提交' }).click();
      const phoneHelp = formItem(page, '手机号').locator('[role="alert"]');
      await phoneHelp.waitFor({ timeout: 10_000 });
      const phoneErr = await phoneHelp.innerText();
      assert(/手机/.test(phoneErr), `phone error in Chinese next to the phone input (got "${phoneErr}")`);
      const consentErr = page
        .locator('.ant-form-item')
        .filter({ has: page.locator('#intake-consent') })
        .locator('[role="alert"]');
      assert((await consentErr.count()) === 1, 'consent error shown (not ticked yet)');
      await page.waitForTimeout(400); // let the error text finish sliding in before the screenshot
      await s.shot('field-errors');
      await page.getByLabel('手机号', { exact: true }).fill(phone);
      await phoneHelp.waitFor({ state: 'detached', timeout: 5000 }); // the error goes as soon as the phone is edited
      await page.getByLabel('我已阅读并同意上述个人信息处理告知').check();
      await page.getByRole('button', { name: '提交' }).click();
      await page.waitForURL(/\/submitted\//, { timeout: 15_000 });
      await expectTitle(page, '提交成功');
      const reference = (await page.getByTestId('reference').innerText()).trim();
      assert(/^ZS-\d{4}-\d+$/.test(reference), `reference number shown (got ${reference})`);
      await s.shot('success');
      state.reference = reference;
      state.phone = phone;
      if (apiPaths.has('GET /api/leads/status')) {
        await page.getByRole('link', { name: '查询进度' }).last().click();
        await page.getByLabel('手机号').fill(phone);
        await page.getByRole('button', { name: '查询' }).click();
        const stage = await page.getByTestId('stage').innerText({ timeout: 10_000 });
        assert(stage.includes('新线索'), `status page shows the stage (got ${stage})`);
        await s.shot('status');
      }
      await ctx.close();
    },
  },
  {
    name: 'consultant-board-matches-call-drag',
    after: 'intake-phone-paste-fix-submit',
    needs: [
      'GET /api/leads',
      'GET /api/leads/:id',
      'PATCH /api/leads/:id/stage',
      'POST /api/leads/:id/activities',
      'GET /api/leads/:id/matches',
    ],
    async run(browser) {
      assert(state.reference, 'the intake scenario filed a lead');
      const ctx = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const s = new Steps(page, 'consultant');
      // routing decides who gets the lead (specialism, load, rotation); that consultant logs in.
      // A lead routing left in the pool is claimed from the pool page first.
      const owner = await assignedConsultant(state.reference);
      log(`  ${state.reference} was routed to ${owner ? owner.email : 'the pool'}`);
      state.owner = owner ?? CONSULTANT;
      await login(page, state.owner);
      if (!owner) {
        await page.goto(`${BASE}/app/pool`);
        await expectTitle(page, '公海');
        await page
          .getByRole('row', { name: new RegExp(state.reference) })
          .getByRole('button', { name: '认领' })
          .click();
        await page.getByText('已认领').waitFor();
        await s.shot('claimed-from-pool');
      }
      await page.goto(`${BASE}/app/board`);
      await expectTitle(page, '我的看板');
      const card = page.locator(`.lead-card[data-reference="${state.reference}"]`);
      await card.waitFor({ timeout: 15_000 });
      assert((await card.locator('xpath=ancestor::section[@data-stage]').getAttribute('data-stage')) === 'new', 'lead is in 新线索');
      await assertLabelled(page, 'board');
      // the card shows the lead's best listings
      await card.getByRole('button', { name: `匹配载体 (${state.reference})` }).click();
      const preview = page.getByTestId('card-matches');
      await preview.locator('strong').first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(400); // the popover's fade-in
      await s.shot('board');
      await page.keyboard.press('Escape');
      await card.getByRole('link').click();
      await page.waitForURL(/\/app\/leads\//);
      state.leadId = page.url().split('/app/leads/')[1].split('?')[0];
      await expectTitle(page, state.reference);
      await page.getByTestId('match').first().waitFor({ timeout: 15_000 });
      const reasons = await page.getByTestId('match').first().locator('.ant-tag').allInnerTexts();
      assert(reasons.length > 0, 'a match shows its reasons');
      await assertLabelled(page, 'lead page');
      await s.shot('lead-matches');
      await page.getByRole('tab', { name: '可享政策' }).click();
      const policy = page.getByTestId('policy-match').first();
      await policy.waitFor();
      assert(/可享受|不符合|待确认/.test(await policy.innerText()), 'a policy says whether the investor is eligible');
      await page.getByLabel('内容').fill('电话沟通：客户确认需要3000平厂房，下周考察');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存').waitFor();
      await page.getByRole('tab', { name: '时间线' }).click();
      await page.getByTestId('timeline-item').filter({ hasText: '下周考察' }).waitFor();
      assert(page.url().includes('tab=timeline'), 'tab is in the URL');
      await s.shot('call-logged');
      // a follow-up task: added on the lead, listed under 我的任务, marked done there
      await page.getByRole('tab', { name: '我的任务' }).click();
      await page.getByLabel('任务', { exact: true }).fill('周五带客户看厂房');
      await page.getByRole('button', { name: '添加任务' }).click();
      await page.locator('.ant-list-item', { hasText: '周五带客户看厂房' }).waitFor();
      await page.goto(`${BASE}/app/tasks`);
      await expectTitle(page, '我的任务');
      const taskRow = page.getByRole('row', { name: /周五带客户看厂房/ });
      await taskRow.waitFor();
      assert((await taskRow.innerText()).includes(state.reference), 'the task names its lead');
      await s.shot('my-tasks');
      await taskRow.getByRole('button', { name: '完成' }).click();
      await taskRow.waitFor({ state: 'detached' });
      await page.goto(`${BASE}/app/board`);
      await card.waitFor();
      if (apiPaths.has('GET /api/reports/funnel')) state.contactedBefore = await funnelCount('contacted');
      await card.dragTo(page.locator('section[data-stage="contacted"]'));
      await page.locator(`section[data-stage="contacted"] .lead-card[data-reference="${state.reference}"]`).waitFor({ timeout: 10_000 });
      await s.shot('dragged-to-contacted');
      const detail = await (await page.request.get(`${BASE}/api/leads/${state.leadId}`)).json();
      assert(detail.stage === 'contacted', `stage saved as contacted (got ${detail.stage})`);
      // moving to lost asks for the reason first
      await page.getByLabel(`移动到 (${state.reference})`).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已流失' }).click();
      await page.getByRole('dialog').getByLabel('流失原因').waitFor({ state: 'visible' });
      await page.waitForTimeout(500); // the dialog's zoom-in animation
      await s.shot('lost-asks-reason');
      // OK without a reason is refused in the dialog; the lead stays where it was
      await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
      await page.getByRole('dialog').locator('.ant-form-item-explain-error').first().waitFor();
      await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
      const after = await (await page.request.get(`${BASE}/api/leads/${state.leadId}`)).json();
      assert(after.stage === 'contacted', `cancelling the lost dialog leaves the stage (got ${after.stage})`);
      await ctx.close();
    },
  },
  {
    name: 'manager-dashboard-funnel',
    after: 'consultant-board-matches-call-drag',
    needs: ['GET /api/reports/funnel'],
    async run(browser) {
      assert(state.leadId, 'the consultant scenario moved the lead');
      const ctx = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const s = new Steps(page, 'manager');
      await login(page, MANAGER);
      await page.goto(`${BASE}/app/dashboard`);
      await expectTitle(page, '数据看板');
      const funnel = page.getByTestId('funnel-chart');
      await funnel.waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid="funnel-chart"] svg text'), null, { timeout: 10_000 });
      const label = await funnel.getAttribute('aria-label');
      const m = /已联系 (\d+)/.exec(label ?? '');
      assert(
        m && Number(m[1]) === state.contactedBefore + 1,
        `funnel's 已联系 went up by one for the dragged lead (before ${state.contactedBefore}; chart: ${label})`,
      );
      await assertLabelled(page, 'dashboard');
      await s.shot('dashboard');
      // all leads, filtered by stage: the filter lives in the URL and survives a reload
      await page.goto(`${BASE}/app/leads`);
      await expectTitle(page, '全部线索');
      await page.getByLabel('阶段', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已联系' }).click();
      await page.waitForURL(/stage=contacted/);
      const row = page.getByRole('row', { name: new RegExp(state.reference) });
      await row.waitFor();
      await page.reload();
      await row.waitFor();
      const stages = await page.locator('tbody tr.ant-table-row td:nth-child(4)').allInnerTexts();
      assert(
        stages.length > 0 && stages.every((x) => x.trim() === '已联系'),
        `only contacted leads listed after reload (${stages.join(',')})`,
      );
      await s.shot('leads-filtered');
      // the routed lead's notification to its consultant is in the delivery log
      await page.goto(`${BASE}/app/admin/notifications`);
      await expectTitle(page, '通知记录');
      const sent = await apiAs(MANAGER, '/api/notifications');
      const ours = sent.filter((n) => n.leadId === state.leadId);
      assert(ours.length > 0, `the lead's notifications are logged (${sent.length} in the log)`);
      assert(ours[0].subject.includes(state.reference), `the subject names the lead (${ours[0].subject})`);
      await page
        .getByRole('row', { name: new RegExp(state.reference) })
        .first()
        .waitFor();
      await s.shot('notification-log');
      // the session ends elsewhere (another tab signs out): the next screen sends the user to the login page
      await page.request.post(`${BASE}/api/auth/logout`);
      await page.getByRole('link', { name: '全部线索' }).click();
      await page.waitForURL(/\/login\?next=/, { timeout: 10_000 });
      await ctx.close();
    },
  },
  {
    name: 'consultant-records-signing',
    after: 'manager-dashboard-funnel',
    needs: ['PATCH /api/leads/:id/stage', 'GET /api/parks'],
    async run(browser) {
      const ctx = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const s = new Steps(page, 'signing');
      await login(page, state.owner);
      await page.goto(`${BASE}/app/leads/${state.leadId}`);
      await expectTitle(page, state.reference);
      // on a phone, the lead page's "移动到" select is the way to move (no dragging)
      await page.getByLabel('移动到', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已签约' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('签约投资额（万元）').fill('12000');
      await dialog.getByLabel('预计年税收（万元）').fill('600');
      await dialog.getByLabel('落户园区').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.waitForTimeout(300);
      await s.shot('signing-dialog');
      await dialog.getByRole('button', { name: '确定' }).click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: '已签约' }).waitFor({ timeout: 10_000 });
      await dialog.waitFor({ state: 'hidden' });
      await s.shot('signed');
      const lead = await (await page.request.get(`${BASE}/api/leads/${state.leadId}`)).json();
      assert(lead.stage === 'signed', `stage signed (got ${lead.stage})`);
      assert(Number(lead.signedInvestmentWan) === 12000 && Number(lead.signedAnnualTaxWan) === 600, 'the deal is recorded');
      await ctx.close();
    },
  },
  {
    name: 'admin-listings-import-row-error',
    needs: ['POST /api/listings/import'],
    async run(browser) {
      const ctx = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const s = new Steps(page, 'admin');
      await login(page, ADMIN);
      await page.goto(`${BASE}/app/admin/listings`);
      await expectTitle(page, '载体');
      const csv = [
        '编号,标题,类型,租售,区域,地址,面积,租金,状态',
        'BT-001,浏览器测试标准厂房A,厂房,租,杭州市萧山区,萧山经济技术开发区一号路1号,3200,25,可租售',
        'BT-002,浏览器测试坏数据,飞机场,租,杭州市萧山区,萧山经济技术开发区一号路2号,abc,25,可租售',
      ].join('\n');
      const file = join(dataDir, 'listings-with-one-bad-row.csv');
      writeFileSync(file, `\ufeff${csv}\n`);
      await page.getByLabel('选择文件').setInputFiles(file);
      await page.getByRole('button', { name: '上传' }).click();
      const table = page.getByTestId('row-errors');
      await table.waitFor({ timeout: 15_000 });
      const rows = await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
      assert(rows.length >= 1 && rows.every((r) => r.trim() === '3'), `row errors name only row 3 (got ${rows.join(',')})`);
      assert(/类型/.test(await table.innerText()), 'the bad column is named');
      assert((await page.getByRole('status').innerText()).includes('已导入: 1'), 'the good row is imported');
      await page.getByRole('cell', { name: '浏览器测试标准厂房A' }).waitFor();
      await assertLabelled(page, 'listings page');
      await s.shot('row-errors');
      await ctx.close();
    },
  },
  {
    name: 'admin-ingests-article-reviews-policy',
    needs: ['POST /api/articles', 'GET /api/policies', 'PATCH /api/policies/:id'],
    async run(browser) {
      const ctx = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const s = new Steps(page, 'ingest');
      await login(page, ADMIN);
      await page.goto(`${BASE}/app/admin/articles`);
      await expectTitle(page, '文章');
      const quote = '对新引进的先进制造业项目，按照设备投资额的10%给予补助，最高500万元';
      await page.getByLabel('名称', { exact: true }).fill(`金华开发区出台先进制造业扶持办法（浏览器测试 ${Date.now()}）`);
      await page
        .getByLabel('正文（文本或 HTML）')
        .fill(`金华经济技术开发区近日出台扶持办法。${quote}。入驻标准厂房的企业，前两年免收租金。`);
      await assertLabelled(page, 'article ingestion');
      await page.getByRole('button', { name: '提取并保存' }).click();
      const result = page.getByRole('status');
      await result.locator('mark').first().waitFor({ timeout: 15_000 });
      const marks = await result.locator('mark').allInnerTexts();
      assert(
        marks.some((m) => quote.startsWith(m) || m.startsWith(quote.slice(0, 20))),
        `the policy's sentence is highlighted (${marks.join(' | ')})`,
      );
      assert((await result.innerText()).includes('金华经济技术开发区'), 'the park is recognised');
      await s.shot('extracted');
      // the review queue: approve the extracted subsidy; it leaves the queue
      await page.goto(`${BASE}/app/admin/policies?status=extracted`);
      await expectTitle(page, '政策审核');
      const row = page
        .getByRole('row')
        .filter({ hasText: quote.slice(0, 15) })
        .first();
      await row.waitFor();
      await s.shot('review-queue');
      await row.getByRole('button', { name: '通过' }).click();
      await row.waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: '已审核' }).click();
      await page.waitForURL(/status=reviewed/);
      const reviewed = await apiAs(ADMIN, '/api/policies?status=reviewed');
      assert(
        reviewed.some((p) => p.quote.startsWith(quote.slice(0, 20))),
        'the approved policy is reviewed (and so shows on article pages)',
      );
      await ctx.close();
    },
  },
  {
    name: 'article-page-form-attributes-lead',
    needs: ['GET /api/articles', 'GET /api/articles/:id', 'POST /api/leads'],
    async run(browser) {
      const articles = await (await fetch(`${BASE}/api/articles`)).json();
      assert(articles.length > 0, 'the demo data has an article');
      const article = articles[0];
      const ctx = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const s = new Steps(page, 'article');
      await page.goto(`${BASE}/articles/${article.id}`);
      await expectTitle(page, article.title.slice(0, 10));
      await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
      const policies = page.getByTestId('policy');
      await policies.first().waitFor();
      assert((await policies.first().innerText()).includes('原文'), 'a policy shows its original sentence');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= PHONE_VIEWPORT.width, `no horizontal scroll at 375 px (scrollWidth ${width})`);
      await assertLabelled(page, 'article page');
      await s.shot('article');
      const phone = randomPhone();
      await page.getByLabel('需求', { exact: true }).fill('工业用地50亩，购买');
      await page.getByLabel('用途', { exact: true }).fill('高端装备制造');
      await page.getByLabel('税收', { exact: true }).fill('年税收1500万');
      await page.getByLabel('公司', { exact: true }).fill('金华文章页测试装备有限公司');
      await page.getByLabel('联系人', { exact: true }).fill('李四');
      await page.getByLabel('手机号', { exact: true }).fill(phone);
      await page.getByLabel('我已阅读并同意上述个人信息处理告知').check();
      await s.shot('article-form');
      await page.getByRole('button', { name: '提交' }).click();
      await page.waitForURL(/\/submitted\//, { timeout: 15_000 });
      const reference = (await page.getByTestId('reference').innerText()).trim();
      await s.shot('article-success');
      const { items } = await apiAs(MANAGER, `/api/leads?q=${encodeURIComponent(reference)}`);
      const lead = items.find((l) => l.reference === reference);
      assert(lead, `lead ${reference} exists`);
      assert(lead.channel === 'article', `channel is article (got ${lead.channel})`);
      assert(lead.sourceArticleId === article.id, `sourceArticleId is the article (got ${lead.sourceArticleId})`);
      if (apiPaths.has('POST /api/privacy/consent-withdrawal/self')) {
        // withdrawing consent is as easy as giving it: reference + phone on the status page
        await page.goto(`${BASE}/status?reference=${encodeURIComponent(reference)}`);
        await page.getByLabel('手机号').fill(phone);
        await page.getByRole('button', { name: '查询' }).click();
        await page.getByTestId('stage').waitFor();
        await page.getByRole('button', { name: '撤回个人信息处理同意' }).click();
        await page.getByRole('button', { name: '确定' }).click();
        await page.getByText('已撤回同意').waitFor();
        await s.shot('consent-withdrawn');
      }
      await ctx.close();
    },
  },
  {
    name: 'admin-routing-rule-and-simulator',
    needs: ['POST /api/routing/rules', 'POST /api/routing/simulate', 'DELETE /api/routing/rules/:id'],
    async run(browser) {
      const ctx = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const s = new Steps(page, 'routing');
      await login(page, ADMIN);
      await page.goto(`${BASE}/app/admin/routing`);
      await expectTitle(page, '分配规则');
      const form = page.locator('form#rule');
      await form.getByLabel('名称', { exact: true }).fill('汽车制造给王磊（浏览器测试）');
      await form.getByLabel('擅长行业（国标行业代码）').fill('C36');
      await page.keyboard.press('Enter');
      await form.locator('#rule_targetConsultantId').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '王磊' }).click();
      await assertLabelled(page, 'routing page');
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByRole('row', { name: /汽车制造给王磊/ }).waitFor();
      // the simulator says who would get a C36 lead now, and why
      await page.locator('#simulate_industryCode').fill('C36');
      await page.getByRole('button', { name: '模拟分配' }).click();
      const outcome = page.getByRole('status').last();
      await outcome.getByText('汽车制造给王磊（浏览器测试）').first().waitFor();
      assert((await outcome.innerText()).includes('王磊'), "the simulated lead goes to the rule's consultant");
      await s.shot('rule-simulated');
      await page.getByRole('button', { name: '删除 汽车制造给王磊（浏览器测试）' }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await page.getByRole('row', { name: /汽车制造给王磊/ }).waitFor({ state: 'detached' });
      await ctx.close();
    },
  },
];

// ---------------------------------------------------------------- runner

async function main() {
  const filter = process.argv[2];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-wqy-microhei\n`);
    process.exit(2);
  }
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  if (!process.env.BROWSER_TEST_NO_BUILD) build();
  let passed = 0;
  let failed = 0;
  const skipped = [];
  const passedNames = new Set();
  let browser = null;
  const onSignal = () => {
    void stopApp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await startApp();
    log(`app up at ${BASE} (data in ${dataDir})`);
    await loadApiPaths();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    // a filter keeps the scenarios it names and the ones they build on
    const wanted = new Set();
    for (const sc of scenarios) {
      if (filter && !sc.name.includes(filter)) continue;
      for (let x = sc; x; x = scenarios.find((o) => o.name === x.after)) wanted.add(x.name);
    }
    for (const sc of scenarios) {
      if (!wanted.has(sc.name)) continue;
      if (sc.after && !passedNames.has(sc.after)) {
        skipped.push(sc.name);
        log(`SKIP ${sc.name} — needs ${sc.after} to pass first`);
        continue;
      }
      const missing = missingApis(sc.needs);
      if (missing.length) {
        skipped.push(sc.name);
        log(`SKIP ${sc.name} — API not there yet: ${missing.join(', ')}`);
        continue;
      }
      const started = Date.now();
      try {
        await sc.run(browser);
        passed += 1;
        passedNames.add(sc.name);
        log(`PASS ${sc.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed += 1;
        log(`FAIL ${sc.name}: ${e.stack ?? e}`);
        for (const c of browser.contexts())
          for (const p of c.pages()) await p.screenshot({ path: join(SHOTS, `${sc.name}-FAILED.png`), fullPage: true }).catch(() => {});
        for (const c of browser.contexts()) await c.close().catch(() => {});
      }
    }
  } catch (e) {
    failed += 1;
    log(`ERROR ${e.stack ?? e}`);
  } finally {
    await browser?.close().catch(() => {});
    await stopApp();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  if (skipped.length) log(`skipped: ${skipped.join(', ')}`);
  if (failed && appLog) process.stdout.write(`--- app log (tail) ---\n${appLog.slice(-4000)}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

await main();

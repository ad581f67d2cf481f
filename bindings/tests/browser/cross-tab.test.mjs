// Two tabs of one browser profile, each with its own client of
// `storefront-accounts/spryker` over `storage: 'local'`, against
// `storefront-mock --backend spryker` (rotating refresh tokens): a session
// made in one tab is seen by the other; when the access token expires under
// both at once, exactly one refresh reaches the server and both tabs end up
// holding its rotated pair (a second refresh would spend the rotated token and
// lose the session); a sign-out in one tab signs the other out.
//
// Real headless Chromium (Debian's, through playwright-core): localStorage,
// its `storage` events and Web Locks are the browser's own. The page is the
// built package (bindings/pkg) served from a local origin; the mock answers
// CORS for its API paths. Needs the mock binary (STOREFRONT_MOCK_BIN, default
// target/debug/storefront-mock).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const repoRoot = resolve(import.meta.dirname, '../../..');
const packageDir = join(repoRoot, 'bindings/pkg');
const mockBinary = process.env.STOREFRONT_MOCK_BIN ?? join(repoRoot, 'target/debug/storefront-mock');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Spryker's default password policy wants 12 characters or more.
const password = 'Password1!Spryker';

let mock;
let mockUrl;
let site;
let siteUrl;
let browser;

/** Starts `storefront-mock --backend spryker` on a free port. */
async function startMock() {
  const child = spawn(mockBinary, ['--port', '0', '--backend', 'spryker'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine);
  assert.ok(match, `unexpected first line from the mock: ${firstLine}`);
  return { child, url: match[1] };
}

/** A control call to the mock (`/__mock/<path>`). */
async function control(path, body, method = body === undefined ? 'GET' : 'POST') {
  const response = await fetch(`${mockUrl}/__mock/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Serves bindings/pkg, and an empty page at `/`, from one origin. */
async function serveSite() {
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>tab</title>');
      return;
    }
    const file = normalize(join(packageDir, path));
    if (!file.startsWith(packageDir)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** The browser module of the package's `./spryker` export, as a path on the site. */
async function sprykerEntry() {
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  let target = manifest.exports['./spryker'];
  // Follow the conditions a browser bundler would: browser, import, default.
  while (typeof target === 'object') {
    target = target.browser ?? target.import ?? target.default;
  }
  assert.equal(typeof target, 'string', 'the package exports ./spryker for browsers');
  return target.replace(/^\./, '');
}

/**
 * Opens a tab on the site with a client of the Spryker entry in
 * `window.client` (local storage), recording its events in `window.events`.
 */
async function openTab(context, entry) {
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(siteUrl);
  await page.evaluate(
    async ({ entry, baseUrl }) => {
      const { createClient } = await import(entry);
      window.events = [];
      window.client = createClient({ baseUrl, storage: 'local' });
      window.client.onAuthStateChange((event) => window.events.push(event));
    },
    { entry, baseUrl: mockUrl },
  );
  return page;
}

/** Polls `check` in `page` until it is truthy (the browser delivers storage events in its own time). */
async function eventually(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 5000 });
}

before(async () => {
  ({ child: mock, url: mockUrl } = await startMock());
  ({ server: site, url: siteUrl } = await serveSite());
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  site?.close();
  mock?.kill('SIGTERM');
});

describe('two tabs of storefront-accounts/spryker over localStorage', () => {
  test('one refresh for both tabs through expiry, and sign-out reaches the other tab', async () => {
    const context = await browser.newContext();
    const entry = await sprykerEntry();
    const first = await openTab(context, entry);
    const email = `tabs-${Date.now()}@example.com`;
    const registered = await first.evaluate(
      (registration) => window.client.customers.create(registration),
      {
        email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
        salutation: 'Ms', gender: 'female', accepted_terms: true,
      },
    );
    assert.ok(registered.refresh_token, 'Spryker signs in with a refresh token');

    // A tab opened later starts from the stored session.
    const second = await openTab(context, entry);
    const adopted = await second.evaluate(() => window.client.getSession());
    assert.equal(adopted?.refresh_token, registered.refresh_token);

    // Both tabs call at once after the 8-hour access token expired on the
    // server: each gets a 401, and they must share one refresh.
    await control('requests', undefined, 'DELETE');
    await control('clock', { advance_seconds: 8 * 3600 + 60 });
    const [one, two] = await Promise.all(
      [first, second].map((page) => page.evaluate(() => window.client.customer.get())),
    );
    assert.equal(one.email, email);
    assert.equal(two.email, email);
    const { requests } = await control('requests');
    const refreshes = requests.filter((request) => request.method === 'POST' && request.path.endsWith('/refresh-tokens'));
    assert.equal(refreshes.length, 1, `one refresh for two tabs; the journal: ${JSON.stringify(requests)}`);
    assert.equal(refreshes[0].status, 201);

    const [sessionOne, sessionTwo] = await Promise.all(
      [first, second].map((page) => page.evaluate(() => window.client.getSession())),
    );
    assert.notEqual(sessionOne.refresh_token, registered.refresh_token, 'the refresh token rotated');
    assert.equal(sessionTwo.refresh_token, sessionOne.refresh_token, 'both tabs hold the rotated pair');
    assert.equal(sessionTwo.token, sessionOne.token);

    // The rotated pair works from either tab afterwards.
    await first.evaluate(() => window.client.auth.refresh());
    const afterRefresh = await first.evaluate(() => window.client.getSession());
    await eventually(second, (token) => window.client.getSession().then((s) => s?.refresh_token === token), afterRefresh.refresh_token);

    // Signing out in one tab signs the other out.
    await first.evaluate(() => window.client.auth.logout());
    await eventually(second, () => window.events.includes('SIGNED_OUT'));
    assert.equal(await second.evaluate(() => window.client.getSession()), null);
    await context.close();
  });
});

// End-to-end: the account page, built by Vite from the packed package, in real
// headless Chromium (Debian's, through playwright-core) against the mock.
//
// Needs storefront-accounts installed from the tarball (scripts/wasm-test.sh
// does it) and the mock binary (STOREFRONT_MOCK_BIN, default
// target/debug/storefront-mock).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { build, createServer, preview } from 'vite';

const root = resolve(import.meta.dirname, '..');
const repoRoot = resolve(root, '../..');
const mockBinary = process.env.STOREFRONT_MOCK_BIN ?? join(repoRoot, 'target/debug/storefront-mock');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const password = 'Password1!';

let mock;
let mockUrl;
let browser;
let previewServer;
let previewUrl;

async function startMock() {
  const child = spawn(mockBinary, ['--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const firstLine = await new Promise((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine);
  assert.ok(match, `unexpected first line from the mock: ${firstLine}`);
  return { child, url: match[1] };
}

async function freePort() {
  const server = createNetServer();
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address();
  await new Promise((closed) => server.close(closed));
  return port;
}

async function mockControl(path, init) {
  const response = await fetch(`${mockUrl}/__mock/${path}`, init);
  return response.status === 204 ? null : response.json();
}

async function refreshRequests() {
  const { requests } = await mockControl('requests');
  return requests.filter((request) => request.method === 'POST' && request.path === '/api/v3/store/auth/refresh');
}

let emailCounter = 0;
function uniqueEmail() {
  emailCounter += 1;
  return `e2e-${Date.now()}-${emailCounter}@example.com`;
}

async function signUp(page, email) {
  await page.fill('#sign-up [name=first_name]', 'Ada');
  await page.fill('#sign-up [name=email]', email);
  await page.fill('#sign-up [name=password]', password);
  await page.click('#sign-up button');
  await expectSignedIn(page, email);
}

async function signIn(page, email, withPassword = password) {
  await page.fill('#sign-in [name=email]', email);
  await page.fill('#sign-in [name=password]', withPassword);
  await page.click('#sign-in button');
  await expectSignedIn(page, email);
}

async function expectSignedIn(page, email) {
  await page.waitForFunction(
    (expected) => document.querySelector('#status').textContent === 'Signed in'
      && document.querySelector('#profile-email').textContent === expected,
    email,
  );
}

async function expectSignedOut(page) {
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Signed out');
}

async function newPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#status').textContent !== 'Loading…');
  page.errors = errors;
  return page;
}

before(async () => {
  ({ child: mock, url: mockUrl } = await startMock());
  process.env.VITE_STORE_URL = mockUrl;
  await build({ root, logLevel: 'warn' });
  const port = await freePort();
  previewServer = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  previewUrl = `http://127.0.0.1:${port}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await previewServer?.close();
  mock?.kill('SIGTERM');
});

describe('account page in Chromium', () => {
  test('vite dev serves the package without configuration: sign up works', async () => {
    const port = await freePort();
    // `force`: the package may have been reinstalled from a new tarball with
    // the lockfile unchanged, and Vite must not serve its cached pre-bundle.
    const devServer = await createServer({
      root,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port, strictPort: true },
      optimizeDeps: { force: true },
    });
    await devServer.listen();
    const context = await browser.newContext();
    try {
      const page = await newPage(context, `http://127.0.0.1:${port}/`);
      await expectSignedOut(page);
      await signUp(page, uniqueEmail());
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      await devServer.close();
    }
  });

  test('vite build: register, sign out, log in, reload and still be signed in', async () => {
    const context = await browser.newContext();
    const page = await newPage(context, previewUrl);
    await expectSignedOut(page);
    const email = uniqueEmail();
    await signUp(page, email);
    await page.click('#sign-out');
    await expectSignedOut(page);
    await signIn(page, email);
    await page.reload();
    await expectSignedIn(page, email);
    const events = await page.locator('#events li').allTextContents();
    assert.equal(events[0], 'INITIAL_SESSION');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('profile and address book from the page', async () => {
    const context = await browser.newContext();
    const page = await newPage(context, previewUrl);
    await signUp(page, uniqueEmail());
    await page.fill('#profile [name=last_name]', 'Lovelace');
    await page.click('#profile button:not([type])');
    await page.waitForFunction(() => document.querySelector('#message').textContent === 'Profile saved.');
    await page.fill('#add-address [name=address1]', '1 Main St');
    await page.fill('#add-address [name=city]', 'New York');
    await page.fill('#add-address [name=postal_code]', '10001');
    await page.click('#add-address button');
    await page.waitForFunction(() => document.querySelectorAll('#addresses li').length === 1);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#profile [name=last_name]').value === 'Lovelace');
    await page.click('#addresses li button');
    await page.waitForFunction(() => document.querySelectorAll('#addresses li').length === 0);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('password reset with the token from the email signs in with the new password', async () => {
    const context = await browser.newContext();
    const page = await newPage(context, previewUrl);
    const email = uniqueEmail();
    await signUp(page, email);
    await page.click('#sign-out');
    await expectSignedOut(page);
    await page.fill('#request-reset [name=email]', email);
    await page.click('#request-reset button');
    // The store's own confirmation text, passed through as `{ message }`.
    await page.waitForFunction(() => document.querySelector('#message').textContent
      === 'If an account exists for that email, password reset instructions have been sent.');
    const { messages } = await mockControl(`outbox?to=${encodeURIComponent(email)}`);
    await page.fill('#reset-password [name=token]', messages.at(-1).token);
    await page.fill('#reset-password [name=password]', 'NewPassword1!');
    await page.click('#reset-password button');
    await expectSignedIn(page, email);
    await page.click('#sign-out');
    await expectSignedOut(page);
    await signIn(page, email, 'NewPassword1!');
    await context.close();
  });

  test('two tabs: signing in in one signs in the other', async () => {
    const context = await browser.newContext();
    const first = await newPage(context, previewUrl);
    const second = await newPage(context, previewUrl);
    await expectSignedOut(second);
    const email = uniqueEmail();
    await signUp(first, email);
    await expectSignedIn(second, email);
    await context.close();
  });

  test('two tabs: signing out in one signs out the other', async () => {
    const context = await browser.newContext();
    const first = await newPage(context, previewUrl);
    const email = uniqueEmail();
    await signUp(first, email);
    const second = await newPage(context, previewUrl);
    await expectSignedIn(second, email);
    await first.click('#sign-out');
    await expectSignedOut(first);
    await expectSignedOut(second);
    assert.deepEqual([...first.errors, ...second.errors], []);
    await context.close();
  });

  test('an expired token is refreshed transparently, exactly once across two tabs', async () => {
    const context = await browser.newContext();
    const first = await newPage(context, previewUrl);
    const email = uniqueEmail();
    await signUp(first, email);
    const second = await newPage(context, previewUrl);
    await expectSignedIn(second, email);
    await mockControl('clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance_seconds: 3700 }),
    });
    await mockControl('requests', { method: 'DELETE' });
    // A slow refresh: without the cross-tab lock, the second tab's refresh
    // would certainly start before the first one's result is stored.
    await mockControl('faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/api/v3/store/auth/refresh', delay_ms: 500 }),
    });
    for (const page of [first, second]) {
      await page.evaluate(() => { document.querySelector('#profile-email').textContent = ''; });
    }
    await Promise.all([first.click('#reload-profile'), second.click('#reload-profile')]);
    await expectSignedIn(first, email);
    await expectSignedIn(second, email);
    await mockControl('faults', { method: 'DELETE' });
    assert.equal(await first.textContent('#message'), '');
    assert.equal(await second.textContent('#message'), '');
    const refreshes = await refreshRequests();
    assert.equal(refreshes.length, 1, `refresh requests: ${JSON.stringify(refreshes)}`);
    assert.equal(refreshes[0].status, 200);
    assert.deepEqual([...first.errors, ...second.errors], []);
    await context.close();
  });
});

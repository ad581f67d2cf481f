// What the end-to-end tests and the screenshot script share: the mock, the
// page built by Vite and served by `vite preview`, headless Chromium (Debian's,
// through playwright-core), and steps on the page.
//
// Needs storefront-accounts installed from the tarball (scripts/wasm-test.sh
// does it) and the mock binary (STOREFRONT_MOCK_BIN, default
// target/debug/storefront-mock).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

export const root = resolve(import.meta.dirname, '..');
const repoRoot = resolve(root, '../..');
const mockBinary = process.env.STOREFRONT_MOCK_BIN ?? join(repoRoot, 'target/debug/storefront-mock');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const password = 'Password1!';

/** The two screens the page must work on. */
export const viewports = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

async function startMock() {
  // The README's configuration: reset links may point back to this page.
  const child = spawn(mockBinary, ['--port', '0', '--config', join(root, 'mock-config.json')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const firstLine = await new Promise((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine);
  assert.ok(match, `unexpected first line from the mock: ${firstLine}`);
  return { child, url: match[1] };
}

export async function freePort() {
  const server = createNetServer();
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address();
  await new Promise((closed) => server.close(closed));
  return port;
}

/** Starts the mock, builds the page against it and serves the build. `close()` stops everything. */
export async function start() {
  const { child: mock, url: mockUrl } = await startMock();
  const mockControl = async (path, init) => {
    const response = await fetch(`${mockUrl}/__mock/${path}`, init);
    assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
    return response.status === 204 ? null : response.json();
  };
  process.env.VITE_STORE_URL = mockUrl;
  await build({ root, logLevel: 'warn' });
  const port = await freePort();
  const previewServer = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  const browser = await chromium.launch({
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
  return {
    mockUrl,
    previewUrl: `http://127.0.0.1:${port}/`,
    browser,
    mockControl,
    async close() {
      await browser.close();
      await previewServer.close();
      mock.kill('SIGTERM');
    },
  };
}

let emailCounter = 0;
export function uniqueEmail() {
  emailCounter += 1;
  return `e2e-${Date.now()}-${emailCounter}@example.com`;
}

/** Opens `url` and waits until the page knows whether it is signed in. */
export async function newPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#status').textContent !== 'Loading…');
  page.errors = errors;
  return page;
}

export async function signUp(page, email, { first = 'Ada', last = 'Lovelace' } = {}) {
  await page.fill('#sign-up [name=first_name]', first);
  await page.fill('#sign-up [name=last_name]', last);
  await page.fill('#sign-up [name=email]', email);
  await page.fill('#sign-up [name=password]', password);
  await page.click('#sign-up button');
  await expectSignedIn(page, email);
}

export async function signIn(page, email, withPassword = password) {
  await page.fill('#sign-in [name=email]', email);
  await page.fill('#sign-in [name=password]', withPassword);
  await page.click('#sign-in button');
  await expectSignedIn(page, email);
}

export async function signOut(page) {
  await page.click('#sign-out');
  await expectSignedOut(page);
}

export async function expectSignedIn(page, email) {
  await page.waitForFunction(
    (expected) => document.querySelector('#status').textContent === 'Signed in'
      && document.querySelector('#profile-email').textContent === expected,
    email,
  );
}

export async function expectSignedOut(page) {
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Signed out');
}

/** Fills the address form (field name → value; checkboxes take booleans) and submits it. */
export async function submitAddress(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`#address-form [name=${name}]`);
    if (typeof value === 'boolean') await field.setChecked(value);
    else if (name === 'country_iso') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.click('#address-submit');
}

/** Asks for a reset email and returns the link in it, as `spree_emails` builds it. */
export async function resetLink(page, mockControl, email) {
  await page.fill('#request-reset [name=email]', email);
  await page.click('#request-reset button');
  // The store's own confirmation text, passed through as `{ message }`.
  await page.waitForFunction(() => document.querySelector('#request-reset .note').textContent
    === 'If an account exists for that email, password reset instructions have been sent.');
  const { messages } = await mockControl(`outbox?to=${encodeURIComponent(email)}`);
  const { redirect_url: redirectUrl, token } = messages.at(-1);
  assert.ok(redirectUrl, 'the store kept the page as the reset link');
  return `${redirectUrl}?token=${token}`;
}

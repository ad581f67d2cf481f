// The npm package as users get it: packed with `npm pack`, installed into a
// fresh Node project, exercised against the standalone mock.
//
// Needs bindings/pkg (bash bindings/build.sh) and the mock binary
// (STOREFRONT_MOCK_BIN, default target/debug/storefront-mock).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import {
  controller,
  declaredFields,
  installPackage,
  keys,
  password,
  recordEvents,
  startMock,
  uniqueEmail,
} from './harness.mjs';

let installed;
let mock;
let baseUrl;
let sdk;
let mockControl;

const control = (path, body) => mockControl.call(path, body);

async function clearRequests() {
  await mockControl.delete('requests');
}

async function requestsTo(path) {
  const { requests } = await control('requests');
  return requests.filter((request) => request.path === `/api/v3/store${path}`);
}

function newClient(config = {}) {
  return sdk.createClient({ baseUrl, publishableKey: 'pk_test', ...config });
}

async function registeredClient(config) {
  const client = newClient(config);
  const email = uniqueEmail();
  await client.customers.create({ email, password, password_confirmation: password, first_name: 'Ada' });
  return { client, email };
}

/** The fields the Spree entry's `.d.ts` declares for `name`. */
function spreeFields(name) {
  return declaredFields(installed.packageDir, ['spree/index.d.ts', 'shared.d.ts'], name);
}

before(async () => {
  installed = installPackage();
  sdk = await installed.load('storefront-accounts');
  ({ child: mock, url: baseUrl } = await startMock());
  mockControl = controller(baseUrl);
});

after(() => {
  mock?.kill('SIGTERM');
  installed?.dispose();
});

describe('storefront-accounts from an npm pack tarball', () => {
  test('exports createClient, the error class under both names and the version', () => {
    assert.equal(typeof sdk.createClient, 'function');
    assert.equal(sdk.SpreeError, sdk.StorefrontError);
    assert.ok(Object.getPrototypeOf(sdk.StorefrontError.prototype) === Error.prototype);
    assert.match(sdk.version(), /^\d+\.\d+\.\d+/);
  });

  test("the README's example runs as written against the mock", () => {
    const readme = readFileSync(join(installed.packageDir, 'README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)[1].replaceAll('http://127.0.0.1:4010', baseUrl);
    writeFileSync(join(installed.project, 'example.mjs'), example);
    const output = execFileSync(process.execPath, ['example.mjs'], { cwd: installed.project, encoding: 'utf8' });
    assert.match(output, /^INITIAL_SESSION/m);
    assert.match(output, /^SIGNED_IN ada-/m);
    assert.match(output, /^authentication_failed 401 false$/m);
    assert.match(output, /^SIGNED_OUT/m);
  });

  test('createClient is synchronous and rejects a bad configuration with a typed error', () => {
    assert.throws(() => sdk.createClient({ baseUrl: 'ftp://x', publishableKey: 'pk_test' }), (error) => {
      return error instanceof sdk.StorefrontError && error.code === 'config_error' && error.isTransient === false;
    });
    assert.throws(() => sdk.createClient({ baseUrl }), /publishableKey is required/);
  });

  test('register returns { token, refresh_token, user }, emits SIGNED_IN and holds the session', async () => {
    const client = newClient();
    const { events, unsubscribe, until } = recordEvents(client);
    const email = uniqueEmail();
    const tokens = await client.customers.create({ email, password, password_confirmation: password, first_name: 'Ada' });
    assert.deepEqual(Object.keys(tokens).sort(), ['refresh_token', 'token', 'user']);
    assert.deepEqual(tokens.user, { id: tokens.user.id, email, first_name: 'Ada', last_name: null });
    const me = await client.customer.get();
    assert.equal(me.email, email);
    await until('SIGNED_IN');
    assert.deepEqual(events.map((e) => e.event), ['INITIAL_SESSION', 'SIGNED_IN']);
    assert.equal(events[0].session, null);
    assert.equal(events[1].session.token, tokens.token);
    unsubscribe();
    client.dispose();
  });

  test('login, profile update, logout; the held session is used without a token argument', async () => {
    const { client: registering, email } = await registeredClient();
    registering.dispose();
    const client = newClient();
    const { until } = recordEvents(client);
    const { user } = await client.auth.login({ email, password });
    assert.equal(user.email, email);
    const updated = await client.customer.update({ last_name: 'Lovelace' });
    assert.equal(updated.last_name, 'Lovelace');
    const session = await client.getSession();
    assert.equal(typeof session.token, 'string');
    assert.ok(session.expires_at > Date.now() / 1000);
    assert.equal(await client.getAccessToken(), session.token);
    await client.auth.logout();
    assert.equal(await client.getSession(), null);
    assert.equal(await client.getAccessToken(), null);
    const signedOut = await until('SIGNED_OUT');
    assert.equal(signedOut.detail.reason, 'USER_LOGOUT');
    assert.equal(signedOut.session, null);
    await assert.rejects(client.customer.get(), (error) => error.code === 'unauthenticated');
    client.dispose();
  });

  test('errors are StorefrontError with name, code, status, details, retryAfter and isTransient', async () => {
    const { client, email } = await registeredClient();
    await assert.rejects(client.auth.login({ email, password: 'wrong password' }), (error) => {
      assert.ok(error instanceof sdk.SpreeError && error instanceof Error);
      assert.equal(error.name, 'SpreeError');
      assert.equal(error.code, 'authentication_failed');
      assert.equal(error.backendCode, 'authentication_failed');
      assert.equal(error.status, 401);
      assert.equal(error.isTransient, false);
      assert.equal(error.retryAfter, null);
      assert.ok(!error.message.includes('wrong password'));
      return true;
    });
    const other = newClient();
    await assert.rejects(
      other.customers.create({ email, password, password_confirmation: password }),
      (error) => error.status === 422 && typeof error.details === 'object' && Array.isArray(Object.values(error.details)[0]),
    );
    client.dispose();
    other.dispose();
  });

  test('a network failure is a transient network_error', async () => {
    const client = sdk.createClient({ baseUrl: 'http://127.0.0.1:9', publishableKey: 'pk_test' });
    await assert.rejects(client.auth.login({ email: uniqueEmail(), password }), (error) => {
      return error.code === 'network_error' && error.status === 0 && error.isTransient === true
        && error.backendCode === null;
    });
    client.dispose();
  });

  test('an AbortSignal cancels a call with code aborted', async () => {
    const { client } = await registeredClient();
    const controller = new AbortController();
    const pending = client.customer.get({ signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (error) => error.code === 'aborted' && error.isTransient === false);
    await assert.rejects(client.customer.get({ signal: AbortSignal.abort() }), (error) => error.code === 'aborted');
    assert.equal((await client.customer.get()).first_name, 'Ada');
    client.dispose();
  });

  test('options.token calls as another customer and leaves the held session alone', async () => {
    const { client: owner, email } = await registeredClient();
    const token = await owner.getAccessToken();
    const bystander = newClient();
    assert.equal((await bystander.customer.get({ token })).email, email);
    assert.equal(await bystander.getSession(), null);
    owner.dispose();
    bystander.dispose();
  });

  test('options.timeout bounds a slow call with a transient timeout error', async () => {
    const { client } = await registeredClient();
    await control('faults', { method: 'GET', path: '/api/v3/store/customers/me', times: 1, delay_ms: 3000 });
    await assert.rejects(client.customer.get({ timeout: 300 }), (error) => {
      return error.code === 'timeout' && error.isTransient === true && error.status === 0;
    });
    await mockControl.delete('faults');
    client.dispose();
  });

  test('responses JSON.parse accepts but the native parser refuses are decode errors here too', async () => {
    const { client, email } = await registeredClient();
    const me = (extra) => `{"id":"cus_1","email":"${email}",${extra}}`;
    for (const body of [me('"x":1e400'), me('"first_name":"\\ud800"'), me('"\\udc00":1')]) {
      await control('faults', { method: 'GET', path: '/api/v3/store/customers/me', times: 1, status: 200, body });
      await assert.rejects(client.customer.get(), (error) => error.code === 'decode_error', body);
    }
    await control('faults', { method: 'GET', path: '/api/v3/store/customers/me', times: 1, status: 200, body: me('"x":1e300') });
    assert.equal((await client.customer.get()).email, email);
    await mockControl.delete('faults');
    client.dispose();
  });

  test("'storefront-accounts/spree' is the root entry, and every entry throws the one error class", async () => {
    const spree = await installed.load('storefront-accounts/spree');
    assert.equal(spree.createClient, sdk.createClient);
    assert.equal(spree.StorefrontError, sdk.StorefrontError);
    const magento = await installed.load('storefront-accounts/magento-rest');
    assert.equal(magento.StorefrontError, sdk.StorefrontError);
    assert.equal(magento.SpreeError, sdk.StorefrontError);
    assert.throws(() => magento.createClient({ baseUrl: 'ftp://x' }), (error) => {
      return error instanceof sdk.SpreeError && error.code === 'config_error' && error.name === 'StorefrontError';
    });
  });

  test('the types of every entry are free of `any`', () => {
    const files = execFileSync('find', [installed.packageDir, '-name', '*.d.ts'], { encoding: 'utf8' }).trim().split('\n');
    assert.ok(files.length >= 4, files.join());
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(code, /\bany\b/, file);
    }
  });

  test('results carry exactly the fields the Spree types declare', async () => {
    const client = newClient();
    const email = uniqueEmail();
    const registered = await client.customers.create({ email, password, password_confirmation: password });
    assert.deepEqual(keys(registered), spreeFields('AuthTokens'));
    assert.deepEqual(keys(registered.user), spreeFields('AuthUser'));
    const address = await client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'New York',
      postal_code: '10001', country_iso: 'US', state_abbr: 'NY',
    });
    assert.deepEqual(keys(address), spreeFields('Address'));
    const page = await client.customer.addresses.list();
    assert.deepEqual(keys(page), spreeFields('PaginatedResponse'));
    assert.deepEqual(keys(page.meta), spreeFields('PaginationMeta'));
    const customer = await client.customer.get();
    assert.deepEqual(keys(customer), spreeFields('Customer'));
    const session = await client.getSession();
    assert.deepEqual(keys(session), spreeFields('AuthSessionOf'));
    assert.deepEqual(keys(session.user), spreeFields('Customer'));
    await client.auth.logout();
    await client.passwordResets.create({ email });
    const { messages } = await control(`outbox?to=${encodeURIComponent(email)}`);
    const reset = await client.passwordResets.update(messages[0].token, {
      password: 'NewPassword1!', password_confirmation: 'NewPassword1!',
    });
    assert.deepEqual(keys(reset), spreeFields('AuthTokens'));
    client.dispose();
  });

  test('options.headers are sent with the call', async () => {
    const seen = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"authentication_required","message":"Authentication required"}}');
    });
    await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    try {
      const client = sdk.createClient({ baseUrl: `http://127.0.0.1:${server.address().port}`, publishableKey: 'pk_test' });
      await assert.rejects(
        client.customer.get({ token: 'a-token', headers: { 'X-ReCaptcha': 'captcha-token', 'X-Other': '1' } }),
        (error) => error.status === 401,
      );
      assert.equal(seen.at(-1)['x-recaptcha'], 'captcha-token');
      assert.equal(seen.at(-1)['x-other'], '1');
      await assert.rejects(client.customer.get({ headers: { 'X-ReCaptcha': 7 } }), (error) => {
        return error.code === 'invalid_input' && /headers/.test(error.message);
      });
      client.dispose();
    } finally {
      server.close();
    }
  });

  test('calls after dispose() reject with client_disposed', async () => {
    const { client, email } = await registeredClient();
    client.dispose();
    await assert.rejects(client.auth.login({ email, password }), (error) => error.code === 'client_disposed');
    await assert.rejects(client.customer.get(), (error) => error.code === 'client_disposed');
  });

  test('auth.logout({ refresh_token }) revokes that session only', async () => {
    const { client: other } = await registeredClient();
    const foreign = await other.getSession();
    const { client } = await registeredClient();
    const held = await client.getSession();
    await client.auth.logout({ refresh_token: foreign.refresh_token });
    assert.equal((await client.getSession()).token, held.token);
    await assert.rejects(other.auth.refresh(), (error) => error.code === 'invalid_refresh_token');
    other.dispose();
    client.dispose();
  });

  test('the address book: create, list, get, update, delete', async () => {
    const { client } = await registeredClient();
    const created = await client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'New York',
      postal_code: '10001', country_iso: 'US', state_abbr: 'NY',
    });
    assert.equal(created.is_default_billing, true);
    const page = await client.customer.addresses.list({ page: 1, limit: 10 });
    assert.deepEqual(page.data.map((a) => a.id), [created.id]);
    assert.equal(page.meta.count, 1);
    assert.equal((await client.customer.addresses.get(created.id)).city, 'New York');
    const updated = await client.customer.addresses.update(created.id, { city: 'Brooklyn' });
    assert.equal(updated.city, 'Brooklyn');
    await client.customer.addresses.delete(updated.id);
    assert.equal((await client.customer.addresses.list()).data.length, 0);
    await assert.rejects(client.customer.addresses.get(updated.id), (error) => error.status === 404);
    client.dispose();
  });

  test('password reset through the outbox signs in with the new password', async () => {
    const { client, email } = await registeredClient();
    await client.auth.logout();
    assert.deepEqual(await client.passwordResets.create({ email }), {
      message: 'If an account exists for that email, password reset instructions have been sent.',
    });
    const { messages } = await control(`outbox?to=${encodeURIComponent(email)}`);
    assert.equal(messages.length, 1);
    const tokens = await client.passwordResets.update(messages[0].token, {
      password: 'NewPassword1!', password_confirmation: 'NewPassword1!',
    });
    assert.equal(tokens.user.email, email);
    assert.equal((await client.customer.get()).email, email);
    await client.auth.logout();
    await client.auth.login({ email, password: 'NewPassword1!' });
    client.dispose();
  });

  test('through expiry, 20 concurrent calls cause exactly one refresh and TOKEN_REFRESHED once', async () => {
    const { client } = await registeredClient();
    const { events, until } = recordEvents(client);
    const before = await client.getSession();
    await control('clock', { advance_seconds: 3700 });
    await clearRequests();
    const profiles = await Promise.all(Array.from({ length: 20 }, () => client.customer.get()));
    assert.equal(profiles.length, 20);
    assert.equal((await requestsTo('/auth/refresh')).length, 1);
    const after = await client.getSession();
    assert.notEqual(after.token, before.token);
    assert.notEqual(after.refresh_token, before.refresh_token);
    const refreshed = await until('TOKEN_REFRESHED');
    assert.equal(refreshed.session.token, after.token);
    // Events arrive in order: once SIGNED_OUT is in, a second
    // TOKEN_REFRESHED would have been too.
    await client.auth.logout();
    await until('SIGNED_OUT');
    assert.equal(events.filter((e) => e.event === 'TOKEN_REFRESHED').length, 1);
    client.dispose();
  });

  test('a subscriber that drops the unsubscribe function keeps receiving events', async () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc');
    const client = newClient();
    const seen = [];
    // The returned unsubscribe function is ignored, as callers often do.
    client.onAuthStateChange((event) => seen.push(event));
    for (let round = 0; round < 5; round++) {
      collectGarbage();
      // Finalizers run on later turns of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await client.customers.create({ email: uniqueEmail(), password, password_confirmation: password });
    for (let turn = 0; turn < 100 && !seen.includes('SIGNED_IN'); turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(seen, ['INITIAL_SESSION', 'SIGNED_IN']);
    client.dispose();
  });

  test('REFRESH_FAILED after a transient failure carries the kept session', async () => {
    const { client } = await registeredClient();
    const { until } = recordEvents(client);
    const held = await client.getSession();
    await control('faults', { method: 'POST', path: '/api/v3/store/auth/refresh', status: 503 });
    try {
      await assert.rejects(client.auth.refresh(), (error) => error.isTransient === true);
    } finally {
      await mockControl.delete('faults');
    }
    const failed = await until('REFRESH_FAILED');
    assert.equal(failed.detail.transient, true);
    assert.equal(failed.detail.error instanceof sdk.StorefrontError, true);
    assert.equal(failed.session.token, held.token);
    assert.equal((await client.getSession()).token, held.token);
    client.dispose();
  });

  test('auth.refresh({ refresh_token }) leaves the held session alone', async () => {
    const { client: other } = await registeredClient();
    const foreign = await other.getSession();
    other.dispose();
    const { client } = await registeredClient();
    const held = await client.getSession();
    const exchanged = await client.auth.refresh({ refresh_token: foreign.refresh_token });
    assert.notEqual(exchanged.token, held.token);
    assert.equal((await client.getSession()).token, held.token);
    client.dispose();
  });

  test('a custom async storage keeps the session for the next client', async () => {
    const values = new Map();
    const storage = {
      getItem: async (key) => values.get(key) ?? null,
      setItem: async (key, value) => void values.set(key, value),
      removeItem: async (key) => void values.delete(key),
    };
    const { client, email } = await registeredClient({ storage, storageKey: 'test-session' });
    assert.ok(values.get('test-session').includes('"v":1'));
    client.dispose();
    const restored = newClient({ storage, storageKey: 'test-session' });
    assert.equal((await restored.customer.get()).email, email);
    await restored.auth.logout();
    assert.equal(values.has('test-session'), false);
    restored.dispose();
  });

  test('a corrupt stored session reads as signed out, is cleared and emits STORAGE_CORRUPTED', async () => {
    const values = new Map([['corrupt', '{not json']]);
    const storage = {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
      removeItem: (key) => void values.delete(key),
    };
    const client = newClient({ storage, storageKey: 'corrupt' });
    const { until } = recordEvents(client);
    assert.equal(await client.getSession(), null);
    await until('STORAGE_CORRUPTED');
    assert.equal(values.has('corrupt'), false);
    client.dispose();
  });

  test("storage 'local' without localStorage (Node) falls back to memory and emits STORAGE_UNAVAILABLE once", async () => {
    const client = newClient({ storage: 'local' });
    const { events, until } = recordEvents(client);
    const email = uniqueEmail();
    await client.customers.create({ email, password, password_confirmation: password });
    assert.equal((await client.getSession()).user?.email ?? email, email);
    const unavailable = await until('STORAGE_UNAVAILABLE');
    assert.match(unavailable.detail.message, /localStorage/);
    // Reads and writes after the first go to memory, silently.
    await client.auth.refresh();
    await client.auth.logout();
    await until('SIGNED_OUT');
    await client.auth.login({ email, password });
    assert.equal((await client.getSession()).user?.email, email);
    await until('SIGNED_IN', 2);
    assert.equal(events.filter(({ event }) => event === 'STORAGE_UNAVAILABLE').length, 1);
    client.dispose();
  });
});

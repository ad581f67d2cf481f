// Session handoff and retry control in every entry, as users get the package
// (packed, installed into a fresh Node project), against the standalone mock
// with each backend's emulation:
// - `setSession({ token, refresh_token })` adopts a session made elsewhere
//   (`SIGNED_IN`), renews an expired access token where the backend has
//   refresh, and holds nothing when the token is refused;
// - `retry: RetryConfig | false` on `createClient` and per call: a 429 with
//   `Retry-After: 7` rejects at once when retries are off or over budget
//   (`retryAfter` 7), a call's own `maxRetries` is obeyed (counted in the
//   mock's journal), and `retryAfter` is set when retries run out on a 503;
// - `dispose()`: every later call rejects with `client_disposed`.
// No test waits on the clock: faults are injected, waits are 0 s.
//
// An entry whose backend the mock binary does not emulate (it exits 2) is
// skipped with the reason; any other failure to start it fails the suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BackendUnavailable,
  controller,
  installPackage,
  password,
  recordEvents,
  startMock,
  uniqueEmail,
} from './harness.mjs';

const bagistoKey = 'pk_storefront_test';
const sprykerPassword = 'Password1!Spryker';

/** Each entry: its mock, its configuration, a registration, whether it has refresh. */
const entries = [
  {
    name: 'spree',
    specifier: 'storefront-accounts',
    mock: [],
    config: { publishableKey: 'pk_test' },
    register: (email) => ({ email, password, password_confirmation: password, first_name: 'Ada' }),
    refresh: true,
  },
  {
    name: 'spryker',
    specifier: 'storefront-accounts/spryker',
    mock: ['--backend', 'spryker'],
    config: {},
    register: (email) => ({
      email, password: sprykerPassword, password_confirmation: sprykerPassword, first_name: 'Ada',
      last_name: 'Lovelace', salutation: 'Ms', gender: 'female', accepted_terms: true,
    }),
    refresh: true,
  },
  {
    name: 'magento-rest',
    specifier: 'storefront-accounts/magento-rest',
    mock: ['--backend', 'magento'],
    config: {},
    register: (email) => ({ email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace' }),
    refresh: false,
  },
  {
    name: 'magento-graphql',
    specifier: 'storefront-accounts/magento-graphql',
    mock: ['--backend', 'magento'],
    config: {},
    register: (email) => ({ email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace' }),
    refresh: false,
  },
  {
    name: 'bagisto',
    specifier: 'storefront-accounts/bagisto',
    mock: ['--backend', 'bagisto', '--publishable-key', bagistoKey],
    config: { publishableKey: bagistoKey },
    register: (email) => ({ email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace' }),
    refresh: false,
  },
];

let installed;
/** The running mocks by their arguments (the Magento entries share one). */
const mocks = new Map();

before(() => {
  installed = installPackage();
});

after(() => {
  for (const mock of mocks.values()) mock.child?.kill('SIGTERM');
  installed?.dispose();
});

/** The entry's mock (`{ url, control }`), or `{ unavailable }` with the reason. */
async function mockFor(entry) {
  const key = entry.mock.join(' ');
  if (!mocks.has(key)) {
    try {
      const { child, url } = await startMock(entry.mock);
      mocks.set(key, { child, url, control: controller(url) });
    } catch (error) {
      if (!(error instanceof BackendUnavailable)) throw error;
      mocks.set(key, { unavailable: error.message });
    }
  }
  return mocks.get(key);
}

for (const entry of entries) {
  describe(`${entry.name}: setSession, retry control and dispose`, () => {
    let sdk;
    let mock;
    let skip = null;

    before(async () => {
      mock = await mockFor(entry);
      skip = mock.unavailable ? `the mock has no ${entry.name} backend yet (${mock.unavailable})` : null;
      if (!skip) sdk = await installed.load(entry.specifier);
    });

    const newClient = (config = {}) => sdk.createClient({ baseUrl: mock.url, ...entry.config, ...config });

    /** A signed-in client and its session's tokens. */
    async function signedIn(config) {
      const client = newClient(config);
      const email = uniqueEmail();
      await client.customers.create(entry.register(email));
      const { token, refresh_token } = await client.getSession();
      return { client, email, token, refresh_token };
    }

    /** The journal's requests of `method` to `path`. */
    async function sent(method, path) {
      const { requests } = await mock.control.call('requests');
      return requests.filter((request) => request.method === method && request.path === path);
    }

    /** The first request `customer.get()` sends (method and path), to inject faults on. */
    async function profileRequest(client) {
      await mock.control.delete('requests');
      await client.customer.get();
      const { requests } = await mock.control.call('requests');
      return { method: requests[0].method, path: requests[0].path };
    }

    /** Injects `fault` on `request`, runs `check`, clears the faults and the journal. */
    async function withFault(request, fault, check) {
      await mock.control.delete('requests');
      await mock.control.call('faults', { ...request, ...fault });
      try {
        await check();
      } finally {
        await mock.control.delete('faults');
      }
    }

    const throttled = (seconds) => ({
      times: 1, status: 429, headers: { 'Retry-After': String(seconds) },
      body: '{"error":{"code":"rate_limit_exceeded","message":"Too many requests."}}',
    });
    const unavailable = (times, headers = {}) => ({
      times, status: 503, headers, body: '{"error":{"code":"service_unavailable","message":"Try later"}}',
    });

    test('setSession adopts a session made elsewhere and emits SIGNED_IN', async (t) => {
      if (skip) return t.skip(skip);
      const { client: browser, email, token, refresh_token } = await signedIn();
      const server = newClient({ storage: 'memory' });
      const { until } = recordEvents(server);
      const adopted = await server.setSession({ token, refresh_token });
      assert.equal(adopted.token, token);
      assert.equal(adopted.user.email, email);
      const signedInEvent = await until('SIGNED_IN');
      assert.equal(signedInEvent.session.token, token);
      assert.equal((await server.customer.get()).email, email);
      assert.equal((await server.getSession()).token, token);
      assert.equal(await server.getAccessToken(), token);
      browser.dispose();
      server.dispose();
    });

    test('setSession with a refused token rejects and holds nothing', async (t) => {
      if (skip) return t.skip(skip);
      const server = newClient();
      const { events } = recordEvents(server);
      await assert.rejects(server.setSession({ token: 'not-a-token' }), (error) => {
        return error instanceof sdk.StorefrontError && error.status === 401;
      });
      assert.equal(await server.getSession(), null);
      assert.deepEqual(events.map((e) => e.event), ['INITIAL_SESSION']);
      await assert.rejects(server.setSession({}), (error) => /token/.test(error.message));
      server.dispose();
    });

    // Only where the backend issues refresh tokens (Spree, Spryker).
    if (entry.refresh) test('setSession renews an expired access token with the refresh token', async (t) => {
      if (skip) return t.skip(skip);
      const { client: browser, email, token, refresh_token } = await signedIn();
      browser.dispose();
      // Past the access token's lifetime on the server's clock (Spryker: 8 h).
      await mock.control.call('clock', { advance_seconds: 9 * 3600 });
      await mock.control.delete('requests');
      const server = newClient();
      const { until } = recordEvents(server);
      const adopted = await server.setSession({ token, refresh_token });
      assert.notEqual(adopted.token, token);
      assert.notEqual(adopted.refresh_token, refresh_token);
      assert.equal(adopted.user.email, email);
      const { requests } = await mock.control.call('requests');
      assert.equal(requests.filter((r) => r.method === 'POST' && /refresh/.test(r.path)).length, 1);
      assert.equal((await until('SIGNED_IN')).session.token, adopted.token);
      assert.equal((await server.customer.get()).email, email);
      server.dispose();
    });

    test("retry: false rejects a 429 at once with the server's retryAfter", async (t) => {
      if (skip) return t.skip(skip);
      const { client } = await signedIn();
      const profile = await profileRequest(client);
      await withFault(profile, throttled(7), async () => {
        const started = Date.now();
        await assert.rejects(client.customer.get({ retry: false }), (error) => {
          return error.status === 429 && error.retryAfter === 7 && error.isTransient === true;
        });
        // The client's default would wait 7 s.
        assert.ok(Date.now() - started < 5000);
        assert.equal((await sent(profile.method, profile.path)).length, 1);
      });
      client.dispose();
    });

    test('a Retry-After over the total budget (maxTotalRetryAfter) rejects at once', async (t) => {
      if (skip) return t.skip(skip);
      const { client } = await signedIn({ retry: { maxTotalRetryAfter: 5000 } });
      const profile = await profileRequest(client);
      await withFault(profile, throttled(7), async () => {
        await assert.rejects(client.customer.get(), (error) => error.status === 429 && error.retryAfter === 7);
        assert.equal((await sent(profile.method, profile.path)).length, 1);
      });
      client.dispose();
    });

    test("a call's own retry config replaces the client's", async (t) => {
      if (skip) return t.skip(skip);
      const { client } = await signedIn();
      const profile = await profileRequest(client);
      await withFault(profile, unavailable(2), async () => {
        await assert.rejects(client.customer.get({ retry: { maxRetries: 1, baseDelay: 0 } }), (error) => {
          return error.status === 503 && error.isTransient === true;
        });
        assert.equal((await sent(profile.method, profile.path)).length, 2);
      });
      // The client's own two retries outlast the same fault.
      await withFault(profile, unavailable(2), async () => {
        await client.customer.get();
        assert.equal((await sent(profile.method, profile.path)).length, 3);
      });
      client.dispose();
    });

    test('createClient({ retry: false }) makes one attempt per call', async (t) => {
      if (skip) return t.skip(skip);
      const { client } = await signedIn({ retry: false });
      const profile = await profileRequest(client);
      await withFault(profile, unavailable(1), async () => {
        await assert.rejects(client.customer.get(), (error) => error.status === 503);
        assert.equal((await sent(profile.method, profile.path)).length, 1);
      });
      client.dispose();
    });

    test('retryAfter is set when retries run out on a 503 with Retry-After', async (t) => {
      if (skip) return t.skip(skip);
      const { client } = await signedIn();
      const profile = await profileRequest(client);
      await withFault(profile, unavailable(3, { 'Retry-After': '0' }), async () => {
        await assert.rejects(client.customer.get(), (error) => error.status === 503 && error.retryAfter === 0);
        assert.equal((await sent(profile.method, profile.path)).length, 3);
      });
      client.dispose();
    });

    test('a retry config that is not RetryConfig | false is refused', async (t) => {
      if (skip) return t.skip(skip);
      for (const retry of [true, { maxRetries: 'two' }, { retryOnStatus: [429, 'x'] }, { baseDelay: -1 }]) {
        assert.throws(() => newClient({ retry }), (error) => error instanceof sdk.StorefrontError, JSON.stringify(retry));
      }
      const client = newClient();
      await assert.rejects(client.customer.get({ retry: { retryOnNetworkError: 'yes' } }), (error) => {
        return error instanceof sdk.StorefrontError && /retryOnNetworkError/.test(error.message);
      });
      client.dispose();
    });

    test('every call after dispose() rejects with client_disposed', async (t) => {
      if (skip) return t.skip(skip);
      const { client, email, token, refresh_token } = await signedIn();
      client.dispose();
      const disposed = (error) => error instanceof sdk.StorefrontError && error.code === 'client_disposed';
      await assert.rejects(client.customer.get(), disposed);
      await assert.rejects(client.auth.login({ email, password: entry.name === 'spryker' ? sprykerPassword : password }), disposed);
      await assert.rejects(client.getSession(), disposed);
      await assert.rejects(client.getAccessToken(), disposed);
      await assert.rejects(client.setSession({ token, refresh_token }), disposed);
    });
  });
}

// Code written for `@spree/sdk` 1.2.1 runs against the packed package (the
// root entry) and the mock's Spree: the options ours ignores are accepted and
// not sent, results hold what Spree's types promise (`meta.from` / `to` / `in`
// as the server counts them, the newsletter subscription whole), a provider
// login rejects plainly. bindings/tests/types/spree-port.ts pins the types.
//
// Needs bindings/pkg (bash bindings/build.sh) and the mock binary
// (STOREFRONT_MOCK_BIN, default target/debug/storefront-mock).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

import { declaredFields, installPackage, keys, password, startMock, uniqueEmail } from './harness.mjs';

let installed;
let mock;
let sdk;
let proxy;
let proxyUrl;
/** What reached the mock through the proxy: `{ method, url, headers, body }`. */
let sent = [];

/** Forwards every request to the mock and records it. */
function recordingProxy(target) {
  return createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    sent.push({ method: request.method, url: request.url, headers: request.headers, body });
    const headers = { ...request.headers };
    delete headers.host;
    delete headers.connection;
    delete headers['content-length'];
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: body === '' ? undefined : body,
    });
    response.writeHead(upstream.status, Object.fromEntries(upstream.headers));
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
}

function newClient() {
  return sdk.createClient({ baseUrl: proxyUrl, publishableKey: 'pk_test' });
}

async function signedInClient() {
  const client = newClient();
  await client.customers.create({ email: uniqueEmail(), password, password_confirmation: password, first_name: 'Ada' });
  return client;
}

/** The server's own answer to `path`, with the client's token. */
async function raw(client, path) {
  const response = await fetch(`${mock.url}/api/v3/store${path}`, {
    headers: { authorization: `Bearer ${await client.getAccessToken()}`, 'x-spree-api-key': 'pk_test' },
  });
  assert.equal(response.status, 200);
  return response.json();
}

const address = (city) => ({
  first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city,
  postal_code: '10001', country_iso: 'US', state_abbr: 'NY',
});

before(async () => {
  installed = installPackage();
  sdk = await installed.load('storefront-accounts');
  mock = await startMock(['--backend', 'spree']);
  proxy = recordingProxy(mock.url);
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
});

after(() => {
  proxy?.close();
  mock?.child.kill('SIGTERM');
  installed?.dispose();
});

describe('code ported from @spree/sdk against the Spree entry', () => {
  test('list params and request options ours ignores are accepted and not sent', async () => {
    const client = await signedInClient();
    await client.customer.addresses.create(address('New York'));
    sent = [];
    const options = {
      locale: 'fr', currency: 'EUR', country: 'FR', channel: 'pos', spreeToken: 'guest-order-token',
      headers: { 'X-Spree-Locale': 'de' },
    };
    const page = await client.customer.addresses.list(
      { page: 1, limit: 10, sort: '-created_at', expand: ['country'], fields: ['city'] },
      options,
    );
    assert.equal(page.data.length, 1);
    assert.equal(page.data[0].city, 'New York');
    const [list] = sent;
    assert.equal(sent.length, 1);
    const query = new URL(list.url, proxyUrl).searchParams;
    assert.deepEqual([...query.keys()].sort(), ['limit', 'page']);
    // Only what `headers` names is sent: `locale` and the others are not.
    assert.equal(list.headers['x-spree-locale'], 'de');
    for (const header of ['x-spree-currency', 'x-spree-country', 'x-spree-channel', 'x-spree-order-token']) {
      assert.equal(list.headers[header], undefined, header);
    }
    assert.ok(!Object.values(list.headers).includes('guest-order-token'));
    await client.customer.get({ locale: 'fr', currency: 'EUR', country: 'FR' });
    client.dispose();
  });

  test('an address with quick_checkout is created and updated, the flag not sent', async () => {
    const client = await signedInClient();
    sent = [];
    const created = await client.customer.addresses.create({ ...address('New York'), quick_checkout: true });
    assert.equal(created.city, 'New York');
    assert.equal(created.quick_checkout, false);
    const updated = await client.customer.addresses.update(created.id, { city: 'Brooklyn', quick_checkout: true });
    assert.equal(updated.city, 'Brooklyn');
    const writes = sent.filter((request) => request.method !== 'GET');
    assert.equal(writes.length, 2);
    for (const write of writes) assert.equal('quick_checkout' in JSON.parse(write.body), false, write.body);
    client.dispose();
  });

  test('pagination meta has from, to and in, as the server counts them', async () => {
    const client = await signedInClient();
    for (const city of ['Albany', 'Buffalo', 'Utica']) await client.customer.addresses.create(address(city));
    const cases = [
      [{ limit: 2 }, { from: 1, to: 2, in: 2 }],
      [{ page: 2, limit: 2 }, { from: 3, to: 3, in: 1 }],
      [{}, { from: 1, to: 3, in: 3 }],
    ];
    for (const [params, expected] of cases) {
      const page = await client.customer.addresses.list(params);
      const { from, to, in: size } = page.meta;
      assert.deepEqual({ from, to, in: size }, expected, JSON.stringify(params));
      const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
      const server = await raw(client, `/customers/me/addresses?${query}`);
      assert.deepEqual(page.meta, server.meta, JSON.stringify(params));
    }
    const empty = await signedInClient();
    const { meta } = await empty.customer.addresses.list();
    assert.deepEqual([meta.count, meta.from, meta.to, meta.in], [0, 0, 0, 0]);
    assert.deepEqual(meta, (await raw(empty, '/customers/me/addresses')).meta);
    client.dispose();
    empty.dispose();
  });

  test('the newsletter subscription comes whole, as the server sends it', async () => {
    const client = await signedInClient();
    const customer = await client.customer.update({ accepts_email_marketing: true });
    const subscriber = customer.newsletter_subscriber;
    assert.ok(subscriber, 'subscribed');
    assert.deepEqual(
      keys(subscriber),
      declaredFields(installed.packageDir, ['spree/index.d.ts', 'shared.d.ts'], 'NewsletterSubscriber'),
    );
    assert.deepEqual(subscriber, (await raw(client, '/customers/me')).newsletter_subscriber);
    assert.equal(typeof customer.available_store_credit_total, 'string');
    assert.equal(typeof customer.display_available_store_credit_total, 'string');
    client.dispose();
  });

  test('a provider login rejects with unsupported, without a request; provider email logs in', async () => {
    const client = newClient();
    const email = uniqueEmail();
    await client.customers.create({ email, password, password_confirmation: password });
    await client.auth.logout();
    sent = [];
    await assert.rejects(client.auth.login({ provider: 'auth0', token: 'jwt-from-auth0' }), (error) => {
      assert.ok(error instanceof sdk.SpreeError);
      assert.equal(error.code, 'unsupported');
      assert.equal(error.status, 0);
      assert.match(error.message, /provider/);
      return true;
    });
    assert.equal(sent.filter((request) => request.url.includes('/auth/login')).length, 0);
    const tokens = await client.auth.login({ provider: 'email', email, password });
    assert.equal(tokens.user.email, email);
    client.dispose();
  });

  test('status is the HTTP status, a number as in @spree/sdk (0 without a response)', async () => {
    const client = await signedInClient();
    await assert.rejects(client.customer.addresses.get('addr_missing'), (error) => {
      assert.equal(error.code, 'record_not_found');
      assert.equal(error.status, 404);
      return true;
    });
    client.dispose();
  });
});

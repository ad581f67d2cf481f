// `StorefrontError` as users get it (the packed package, installed into a
// fresh Node project): building one, its JSON, `details` by the caller's
// field names with the API's kept in `backendDetails` (Spree, Magento REST
// and Spryker against the standalone mock), the message of a refused connection,
// and `invalid_input` for bad arguments.
//
// Needs bindings/pkg with the spree, magento-rest and spryker entries and the mock
// binary (see harness.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';

import { controller, installPackage, password, startMock, uniqueEmail } from './harness.mjs';

let installed;
let spree;
let magento;
let spryker;
const mocks = [];

before(async () => {
  installed = installPackage();
  spree = await installed.load('storefront-accounts');
  magento = await installed.load('storefront-accounts/magento-rest');
  spryker = await installed.load('storefront-accounts/spryker');
});

after(() => {
  for (const mock of mocks) mock.kill('SIGTERM');
  installed?.dispose();
});

/** A mock of `args`, stopped after the tests: its URL and control. */
async function mock(args) {
  const { child, url } = await startMock(args);
  mocks.push(child);
  return { url, control: controller(url) };
}

/** The rejection of `promise`, which must reject. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the call resolved');
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('StorefrontError', () => {
  test('the constructor builds an error as a call rejects with it', () => {
    const cause = new Error('upstream');
    const error = new spree.StorefrontError('Zip Code is invalid', {
      code: 'validation_error',
      status: 422,
      details: { postal_code: ['is invalid'] },
      backendDetails: { zipcode: ['is invalid'] },
      cause,
    });
    assert.ok(error instanceof spree.StorefrontError && error instanceof spree.SpreeError && error instanceof Error);
    assert.ok(error instanceof magento.StorefrontError, 'one class for every entry');
    assert.equal(error.name, 'StorefrontError');
    assert.equal(error.message, 'Zip Code is invalid');
    assert.equal(error.code, 'validation_error');
    assert.equal(error.status, 422);
    assert.deepEqual(error.details, { postal_code: ['is invalid'] });
    assert.deepEqual(error.backendDetails, { zipcode: ['is invalid'] });
    assert.equal(error.cause, cause);
    // What was not given takes the value of an error without it.
    assert.equal(error.backendCode, null);
    assert.equal(error.retryAfter, null);
    assert.equal(error.isTransient, false);
    const named = new spree.SpreeError('slow down', { code: 'rate_limit_exceeded', name: 'SpreeError', retryAfter: 7, isTransient: true });
    assert.equal(named.name, 'SpreeError');
    assert.equal(named.retryAfter, 7);
    assert.equal(named.isTransient, true);
    assert.equal('details' in named, false);
  });

  test('JSON.stringify keeps name, code, status, message, details and the rest', () => {
    const error = new spree.StorefrontError('Zip Code is invalid', {
      code: 'validation_error',
      backendCode: 'validation_error',
      status: 422,
      details: { postal_code: ['is invalid'] },
      backendDetails: { zipcode: ['is invalid'] },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: 'StorefrontError',
      code: 'validation_error',
      backendCode: 'validation_error',
      status: 422,
      message: 'Zip Code is invalid',
      details: { postal_code: ['is invalid'] },
      backendDetails: { zipcode: ['is invalid'] },
      retryAfter: null,
      isTransient: false,
    });
    const bare = JSON.parse(JSON.stringify(new spree.StorefrontError('the call was aborted', { code: 'aborted' })));
    assert.deepEqual(Object.keys(bare), ['name', 'code', 'backendCode', 'status', 'retryAfter', 'isTransient', 'message']);
    // No stack, no cause: what the error says, not where it came from.
    const caused = new spree.StorefrontError('x', { code: 'timeout', cause: new Error('inner') });
    assert.equal('stack' in JSON.parse(JSON.stringify(caused)), false);
    assert.equal('cause' in JSON.parse(JSON.stringify(caused)), false);
  });

  test("a rejected call's error serialises with its message", async () => {
    const { url } = await mock([]);
    const client = spree.createClient({ baseUrl: url, publishableKey: 'pk_test' });
    const error = await rejection(client.auth.login({ email: uniqueEmail(), password: 'wrong password' }));
    const json = JSON.parse(JSON.stringify(error));
    assert.equal(json.name, 'SpreeError');
    assert.equal(json.code, 'authentication_failed');
    assert.equal(json.status, 401);
    assert.equal(json.message, error.message);
    assert.ok(json.message.length > 0);
    client.dispose();
  });
});

describe('details are keyed by the fields the caller sent', () => {
  test('Spree: postal_code and state_abbr, with zipcode and state in backendDetails', async () => {
    const { url } = await mock([]);
    const client = spree.createClient({ baseUrl: url, publishableKey: 'pk_test' });
    await client.customers.create({ email: uniqueEmail(), password, password_confirmation: password });
    const error = await rejection(client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'New York',
      postal_code: 'ABCDE', country_iso: 'US',
    }));
    assert.equal(error.code, 'validation_error');
    assert.equal(error.status, 422);
    assert.deepEqual(error.details, { state_abbr: ["can't be blank"], postal_code: ['is invalid'] });
    assert.deepEqual(error.backendDetails, { state: ["can't be blank"], zipcode: ['is invalid'] });
    client.dispose();
  });

  test('Magento REST: postal_code and state_abbr, with postcode and regionId in backendDetails', async () => {
    const { url } = await mock(['--backend', 'magento']);
    const client = magento.createClient({ baseUrl: url, storeCode: 'default' });
    await client.customers.create({
      email: uniqueEmail(), password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
    });
    const error = await rejection(client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'New York',
      country_iso: 'US', phone: '+1 212 555 0100',
    }));
    assert.equal(error.name, 'StorefrontError');
    assert.equal(error.code, 'validation_error');
    assert.deepEqual(Object.keys(error.details).sort(), ['postal_code', 'state_abbr']);
    assert.deepEqual(Object.keys(error.backendDetails).sort(), ['postcode', 'regionId']);
    assert.deepEqual(error.details.postal_code, error.backendDetails.postcode);
    assert.deepEqual(error.details.state_abbr, error.backendDetails.regionId);
    client.dispose();
  });

  test('Spryker: postal_code and city, with zipCode and city in backendDetails', async () => {
    const { url } = await mock(['--backend', 'spryker']);
    const client = spryker.createClient({ baseUrl: url });
    // Spryker's password policy wants 12 characters.
    const long = `${password}Spryker`;
    await client.customers.create({
      email: uniqueEmail(), password: long, password_confirmation: long, first_name: 'Ada', last_name: 'Lovelace',
      salutation: 'Ms', gender: 'female', accepted_terms: true,
    });
    const error = await rejection(client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Byron', address1: 'Julie-Wolfthorn-Str. 1', city: 'Xy',
      postal_code: '1234567890123456', country_iso: 'DE', salutation: 'Ms',
    }));
    assert.equal(error.code, 'validation_error');
    assert.equal(error.backendCode, '901');
    assert.deepEqual(Object.keys(error.details).sort(), ['city', 'postal_code']);
    assert.deepEqual(Object.keys(error.backendDetails).sort(), ['city', 'zipCode']);
    assert.deepEqual(error.details.postal_code, error.backendDetails.zipCode);
    client.dispose();
  });
});

test('a refused connection says so, once, with no claim that the request was sent', async () => {
  const port = await closedPort();
  for (const sdk of [spree, magento]) {
    const client = sdk.createClient({ baseUrl: `http://127.0.0.1:${port}`, publishableKey: 'pk_test' });
    const error = await rejection(client.auth.login({ email: uniqueEmail(), password }));
    assert.equal(error.code, 'network_error');
    assert.equal(error.status, 0);
    assert.equal(error.isTransient, true);
    assert.match(error.message, /ECONNREFUSED/);
    assert.doesNotMatch(error.message, /after send|fetch failed/);
    // No part of the message repeats itself ("fetch failed: fetch failed").
    assert.doesNotMatch(error.message, /(\b.{6,}): \1/);
    client.dispose();
  }
});

test('bad arguments reject with invalid_input and send nothing; a bad configuration throws config_error', async () => {
  const { url, control } = await mock([]);
  const client = spree.createClient({ baseUrl: url, publishableKey: 'pk_test' });
  await control.delete('requests');
  const calls = {
    'auth.login(42)': () => client.auth.login(42),
    'auth.login without a password': () => client.auth.login({ email: uniqueEmail() }),
    'auth.login with a number as password': () => client.auth.login({ email: uniqueEmail(), password: 123456 }),
    'customers.create({})': () => client.customers.create({}),
    'customer.update with a number as phone': () => client.customer.update({ phone: 5550100 }),
    'customer.addresses.get(7)': () => client.customer.addresses.get(7),
    'customer.addresses.list with a negative page': () => client.customer.addresses.list({ page: -1 }),
    'passwordResets.create({})': () => client.passwordResets.create({}),
    'options with a number as a header': () => client.customer.get({ headers: { 'X-ReCaptcha': 7 } }),
  };
  for (const [name, call] of Object.entries(calls)) {
    const error = await rejection(call());
    assert.ok(error instanceof spree.StorefrontError, name);
    assert.equal(error.code, 'invalid_input', `${name}: ${error.code} ${error.message}`);
    assert.equal(error.status, 0, name);
    assert.equal(error.isTransient, false, name);
  }
  const error = await rejection(client.customers.create({}));
  assert.equal(error.message, 'params.email is required');
  const { requests } = await control.call('requests');
  assert.deepEqual(requests.filter((request) => request.path.startsWith('/api/')), [], 'no request was sent');
  client.dispose();
  for (const config of [{ baseUrl: 7, publishableKey: 'pk_test' }, { baseUrl: url }, 'not an object']) {
    assert.throws(() => spree.createClient(config), (thrown) => thrown.code === 'config_error', JSON.stringify(config));
  }
});

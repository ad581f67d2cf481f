// `storefront-accounts/magento-rest` as users get it (packed, installed into a
// fresh Node project) running the unified lifecycle against the standalone
// mock started with `--backend magento`: register (signed in), logout, login,
// profile get and update, the address book, a password reset through the
// outbox, logout.
//
// Skipped, with the reason, only when the mock binary reports that it has no
// Magento backend (`storefront-mock --backend magento` exits 2); any other
// failure to start it fails the suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  BackendUnavailable,
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
let unavailable = null;

/** The fields the Magento REST entry's `.d.ts` declares for `name`. */
function magentoFields(name) {
  return declaredFields(installed.packageDir, ['magento-rest/index.d.ts', 'shared.d.ts'], name);
}

before(async () => {
  try {
    ({ child: mock, url: baseUrl } = await startMock(['--backend', 'magento']));
  } catch (error) {
    if (!(error instanceof BackendUnavailable)) throw error;
    unavailable = error.message;
    return;
  }
  mockControl = controller(baseUrl);
  installed = installPackage();
  sdk = await installed.load('storefront-accounts/magento-rest');
});

after(() => {
  mock?.kill('SIGTERM');
  installed?.dispose();
});

/** Magento REST rejects every token issued up to one second before a revoke
 * (spec §4.3): the mock clock moves past it instead of the test sleeping. */
async function pastTheRevokeSecond() {
  await mockControl.call('clock', { advance_seconds: 2 });
}

describe('storefront-accounts/magento-rest against storefront-mock --backend magento', () => {
  test('the unified lifecycle', async (t) => {
    if (unavailable) {
      t.skip(`the mock has no Magento backend yet (${unavailable})`);
      return;
    }
    const client = sdk.createClient({ baseUrl, storeCode: 'default' });
    const { until } = recordEvents(client);
    const email = uniqueEmail();

    // Register: signed in, with no refresh token (Magento has none).
    const registered = await client.customers.create({
      email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
    });
    assert.deepEqual(keys(registered), ['token', 'user']);
    assert.deepEqual(keys(registered.user), magentoFields('AuthUser'));
    assert.equal(registered.user.email, email);
    await until('SIGNED_IN');
    const session = await client.getSession();
    assert.deepEqual(keys(session), magentoFields('AuthSessionOf'));
    assert.equal(session.token, registered.token);
    assert.equal(session.refresh_token, null);
    assert.ok(session.expires_at > Date.now() / 1000, 'a Magento token expires (its JWT exp)');
    assert.equal(session.user.email, email);
    await assert.rejects(client.auth.refresh(), (error) => error.code === 'unsupported');

    await client.auth.logout();
    assert.equal((await until('SIGNED_OUT')).detail.reason, 'USER_LOGOUT');
    assert.equal(await client.getSession(), null);
    await pastTheRevokeSecond();

    // Login and profile.
    const loggedIn = await client.auth.login({ email, password });
    assert.deepEqual(keys(loggedIn), ['token', 'user']);
    assert.equal(loggedIn.user.first_name, 'Ada');
    const me = await client.customer.get();
    assert.deepEqual(keys(me), magentoFields('Customer'));
    assert.equal(me.email, email);
    assert.equal(me.full_name, 'Ada Lovelace');
    const updated = await client.customer.update({ last_name: 'Byron' });
    assert.equal(updated.last_name, 'Byron');
    assert.equal((await client.getSession()).user.last_name, 'Byron');

    // The address book (a read-modify-write of the customer on Magento), in a
    // country without required regions, with the unified fields only.
    const created = await client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Byron', address1: 'Unter den Linden 1', city: 'Berlin',
      postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
    });
    assert.deepEqual(keys(created), magentoFields('Address'));
    assert.equal(created.city, 'Berlin');
    assert.deepEqual(created.street, ['Unter den Linden 1']);
    const listed = await client.customer.addresses.list();
    assert.deepEqual(listed.data.map((address) => address.id), [created.id]);
    assert.equal(listed.meta, undefined, 'Magento returns the whole book, without pagination');
    assert.equal((await client.customer.addresses.get(created.id)).postal_code, '10117');
    const moved = await client.customer.addresses.update(created.id, { city: 'Potsdam', postal_code: '14467' });
    assert.equal(moved.city, 'Potsdam');
    await client.customer.addresses.delete(moved.id);
    assert.deepEqual((await client.customer.addresses.list()).data, []);
    await assert.rejects(client.customer.addresses.get(moved.id), (error) => {
      return error instanceof sdk.StorefrontError && error.code === 'record_not_found';
    });

    // Wrong credentials: the unified code, Magento's own template kept.
    const stranger = sdk.createClient({ baseUrl });
    await assert.rejects(stranger.auth.login({ email, password: 'Wrong-password1' }), (error) => {
      assert.ok(error instanceof sdk.StorefrontError && error instanceof sdk.SpreeError);
      assert.equal(error.name, 'StorefrontError');
      assert.equal(error.code, 'authentication_failed');
      assert.equal(error.status, 401);
      assert.equal(typeof error.backendCode, 'string');
      assert.notEqual(error.backendCode, error.code);
      return true;
    });
    stranger.dispose();

    // A password reset request looks the same for an unknown email.
    assert.deepEqual(await client.passwordResets.create({ email }), { message: '' });
    assert.deepEqual(await client.passwordResets.create({ email: uniqueEmail() }), { message: '' });
    const { messages } = await mockControl.call(`outbox?to=${encodeURIComponent(email)}`);
    assert.equal(messages.length, 1);
    assert.equal(messages[0].to, email);

    await client.auth.logout();
    assert.equal(await client.getSession(), null);
    await pastTheRevokeSecond();

    // Completing the reset issues no session on Magento: log in afterwards.
    const completed = await client.passwordResets.update(messages[0].token, {
      password: 'NewPassword1!', password_confirmation: 'NewPassword1!', email,
    });
    assert.equal(completed, null);
    assert.equal(await client.getSession(), null);
    await client.auth.login({ email, password: 'NewPassword1!' });
    assert.equal((await client.customer.get()).email, email);
    await client.auth.logout();
    client.dispose();
  });

  test("the README's Magento example runs as written", (t) => {
    if (unavailable) {
      t.skip(`the mock has no Magento backend yet (${unavailable})`);
      return;
    }
    const readme = readFileSync(join(installed.packageDir, 'README.md'), 'utf8');
    const example = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
      .map((block) => block[1])
      .find((code) => code.includes("'storefront-accounts/magento-rest'"));
    writeFileSync(join(installed.project, 'magento-example.mjs'), example.replaceAll('http://127.0.0.1:4010', baseUrl));
    const output = execFileSync(process.execPath, ['magento-example.mjs'], { cwd: installed.project, encoding: 'utf8' });
    assert.match(output, /^SIGNED_IN ada-\S+ no refresh token$/m);
    assert.match(output, /Unter den Linden 1 1 no meta$/m);
    assert.match(output, /^unsupported$/m);
    assert.match(output, /^authentication_failed 401 \S/m);
  });

  test('the session is stored under a key with the store code', async (t) => {
    if (unavailable) {
      t.skip(`the mock has no Magento backend yet (${unavailable})`);
      return;
    }
    const values = new Map();
    const storage = {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
      removeItem: (key) => void values.delete(key),
    };
    const client = sdk.createClient({ baseUrl, storage });
    await client.customers.create({
      email: uniqueEmail(), password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
    });
    assert.deepEqual([...values.keys()], [`storefront-sdk:v1:magento-rest:${baseUrl}:default`]);
    client.dispose();
  });
});

// `storefront-accounts/magento-graphql` as users get it (packed, installed
// into a fresh Node project) running the unified lifecycle against the
// standalone mock's GraphQL endpoint (`storefront-mock --backend magento`,
// `POST /graphql`): register (signed in by a login), logout, login, profile
// get and update, the address book, a password reset through the outbox
// completed with the account's email, logout.
//
// Skipped, with the reason, only when the mock binary has no Magento backend
// (`--backend magento` exits 2) or its Magento backend serves no `/graphql`
// (404 to a GraphQL request); any other failure fails the suite. A second mock
// serves the 2.4.9 schema for `serverVersion: '2.4.9'` (addresses by `uid`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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

/** The fields the Magento GraphQL entry's `.d.ts` declares for `name`. */
function graphqlFields(name) {
  return declaredFields(installed.packageDir, ['magento-graphql/index.d.ts', 'shared.d.ts'], name);
}

before(async () => {
  try {
    ({ child: mock, url: baseUrl } = await startMock(['--backend', 'magento']));
  } catch (error) {
    if (!(error instanceof BackendUnavailable)) throw error;
    unavailable = error.message;
    return;
  }
  const probe = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  if (probe.status === 404) {
    unavailable = `POST /graphql answered 404: ${(await probe.text()).slice(0, 120)}`;
    return;
  }
  mockControl = controller(baseUrl);
  installed = installPackage();
  sdk = await installed.load('storefront-accounts/magento-graphql');
});

after(() => {
  mock?.kill('SIGTERM');
  installed?.dispose();
});

/** Magento rejects every token issued up to one second before a revoke: the
 * mock clock moves past it instead of the test sleeping. */
async function pastTheRevokeSecond() {
  await mockControl.call('clock', { advance_seconds: 2 });
}

describe('storefront-accounts/magento-graphql against storefront-mock --backend magento (/graphql)', () => {
  test('the unified lifecycle', async (t) => {
    if (unavailable) {
      t.skip(`the mock serves no Magento GraphQL yet (${unavailable})`);
      return;
    }
    const client = sdk.createClient({ baseUrl, storeCode: 'default' });
    const { until } = recordEvents(client);
    const email = uniqueEmail();

    const registered = await client.customers.create({
      email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
    });
    assert.deepEqual(keys(registered), ['token', 'user']);
    assert.deepEqual(keys(registered.user), graphqlFields('AuthUser'));
    await until('SIGNED_IN');
    const session = await client.getSession();
    assert.deepEqual(keys(session), graphqlFields('AuthSessionOf'));
    assert.equal(session.refresh_token, null);
    assert.ok(session.expires_at > Date.now() / 1000, 'a Magento token expires (its JWT exp)');
    await assert.rejects(client.auth.refresh(), (error) => error.code === 'unsupported');

    await client.auth.logout();
    assert.equal((await until('SIGNED_OUT')).detail.reason, 'USER_LOGOUT');
    await pastTheRevokeSecond();

    const loggedIn = await client.auth.login({ email, password });
    assert.deepEqual(keys(loggedIn), ['token', 'user']);
    const me = await client.customer.get();
    assert.deepEqual(keys(me), graphqlFields('Customer'));
    assert.equal(me.email, email);
    const updated = await client.customer.update({ last_name: 'Byron' });
    assert.equal(updated.last_name, 'Byron');

    const created = await client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Byron', address1: 'Unter den Linden 1', city: 'Berlin',
      postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
    });
    assert.deepEqual(keys(created), graphqlFields('Address'));
    assert.deepEqual(created.street, ['Unter den Linden 1']);
    assert.equal(created.id, String(created.address_id), 'on 2.4.8 the id is the integer id');
    const listed = await client.customer.addresses.list();
    assert.deepEqual(listed.data.map((address) => address.id), [created.id]);
    assert.equal(listed.meta, undefined);
    const moved = await client.customer.addresses.update(created.id, { city: 'Potsdam' });
    assert.equal(moved.city, 'Potsdam');
    await client.customer.addresses.delete(moved.id);
    assert.deepEqual((await client.customer.addresses.list()).data, []);

    const stranger = sdk.createClient({ baseUrl });
    await assert.rejects(stranger.auth.login({ email, password: 'Wrong-password1' }), (error) => {
      assert.ok(error instanceof sdk.StorefrontError);
      assert.equal(error.code, 'authentication_failed');
      assert.equal(typeof error.backendCode, 'string');
      return true;
    });
    stranger.dispose();

    assert.deepEqual(keys(await client.passwordResets.create({ email })), ['message']);
    const { messages } = await mockControl.call(`outbox?to=${encodeURIComponent(email)}`);
    assert.equal(messages.length, 1);
    await client.auth.logout();
    await pastTheRevokeSecond();

    // The email is required here: without it the call fails before any request.
    await assert.rejects(
      client.passwordResets.update(messages[0].token, { password: 'NewPassword1!', password_confirmation: 'NewPassword1!' }),
      (error) => error.code === 'invalid_input',
    );
    const completed = await client.passwordResets.update(messages[0].token, {
      password: 'NewPassword1!', password_confirmation: 'NewPassword1!', email,
    });
    assert.equal(completed, null);
    await client.auth.login({ email, password: 'NewPassword1!' });
    assert.equal((await client.customer.get()).email, email);
    await client.auth.logout();
    client.dispose();
  });

  test("serverVersion '2.4.9' addresses by uid", async (t) => {
    if (unavailable) {
      t.skip(`the mock serves no Magento GraphQL yet (${unavailable})`);
      return;
    }
    const config = join(installed.project, 'magento-2.4.9.json');
    writeFileSync(config, JSON.stringify({ magento: { graphql: { version: '2.4.9' } } }));
    const { child, url } = await startMock(['--backend', 'magento', '--config', config]);
    try {
      const client = sdk.createClient({ baseUrl: url, serverVersion: '2.4.9' });
      await client.customers.create({
        email: uniqueEmail(), password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
      });
      const created = await client.customer.addresses.create({
        first_name: 'Ada', last_name: 'Lovelace', address1: 'Unter den Linden 1', city: 'Berlin',
        postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
      });
      assert.equal(typeof created.uid, 'string');
      assert.equal(created.id, created.uid, 'on 2.4.9 the id is the uid');
      assert.equal((await client.customer.addresses.update(created.id, { city: 'Potsdam' })).city, 'Potsdam');
      await client.customer.addresses.delete(created.id);
      assert.deepEqual((await client.customer.addresses.list()).data, []);
      client.dispose();
    } finally {
      child.kill('SIGTERM');
    }
  });
});

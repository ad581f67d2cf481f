// `storefront-accounts/bagisto` as users get it (packed, installed into a
// fresh Node project) running the unified lifecycle against the standalone
// mock started with `--backend bagisto`: register (signed in, a token that
// never expires), the session through 400 days of mock time, logout, login,
// profile get and update, the address book, a password reset request through
// the outbox, what Bagisto does not have (refresh, reset completion), logout.
//
// Skipped, with the reason, only when the mock binary reports that it has no
// Bagisto backend (`storefront-mock --backend bagisto` exits 2); any other
// failure to start it fails the suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

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

const publishableKey = 'pk_storefront_test';
let installed;
let mock;
let baseUrl;
let sdk;
let mockControl;
let unavailable = null;

/** The fields the Bagisto entry's `.d.ts` declares for `name`. */
function bagistoFields(name) {
  return declaredFields(installed.packageDir, ['bagisto/index.d.ts', 'shared.d.ts'], name);
}

before(async () => {
  try {
    ({ child: mock, url: baseUrl } = await startMock(['--backend', 'bagisto', '--publishable-key', publishableKey]));
  } catch (error) {
    if (!(error instanceof BackendUnavailable)) throw error;
    unavailable = error.message;
    return;
  }
  mockControl = controller(baseUrl);
  installed = installPackage();
  sdk = await installed.load('storefront-accounts/bagisto');
});

after(() => {
  mock?.kill('SIGTERM');
  installed?.dispose();
});

describe('storefront-accounts/bagisto against storefront-mock --backend bagisto', () => {
  test('the unified lifecycle, the session surviving 400 days', async (t) => {
    if (unavailable) {
      t.skip(`the mock has no Bagisto backend yet (${unavailable})`);
      return;
    }
    const client = sdk.createClient({ baseUrl, publishableKey });
    const { until, events } = recordEvents(client);
    const email = uniqueEmail();

    // Register: signed in with the token of the registration, no refresh token.
    const registered = await client.customers.create({
      email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
    });
    assert.deepEqual(keys(registered), ['token', 'user']);
    assert.deepEqual(keys(registered.user), bagistoFields('AuthUser'));
    assert.equal(registered.user.email, email);
    await until('SIGNED_IN');
    const session = await client.getSession();
    assert.deepEqual(keys(session), bagistoFields('AuthSessionOf'));
    assert.equal(session.token, registered.token);
    assert.equal(session.refresh_token, null);
    assert.equal(session.expires_at, null, 'a Sanctum token never expires');
    await assert.rejects(client.auth.refresh(), (error) => error.code === 'unsupported');

    // 400 days later the session still holds, with no refresh and no expiry event.
    await mockControl.call('clock', { advance_seconds: 400 * 86_400 });
    const me = await client.customer.get();
    assert.deepEqual(keys(me), bagistoFields('Customer'));
    assert.equal(me.email, email);
    assert.equal(me.full_name, 'Ada Lovelace');
    assert.equal((await client.getSession()).token, registered.token);
    assert.deepEqual(
      events.map((e) => e.event).filter((name) => name !== 'USER_UPDATED'),
      ['INITIAL_SESSION', 'SIGNED_IN'],
    );

    await client.auth.logout();
    assert.equal((await until('SIGNED_OUT')).detail.reason, 'USER_LOGOUT');
    assert.equal(await client.getSession(), null);

    // Login and profile update.
    const loggedIn = await client.auth.login({ email, password });
    assert.deepEqual(keys(loggedIn), ['token', 'user']);
    assert.notEqual(loggedIn.token, registered.token);
    const updated = await client.customer.update({ last_name: 'Byron' });
    assert.equal(updated.last_name, 'Byron');
    assert.equal((await client.getSession()).user.last_name, 'Byron');

    // The address book, with the unified fields only.
    const created = await client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Byron', address1: 'Unter den Linden 1', city: 'Berlin',
      postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
    });
    assert.deepEqual(keys(created), bagistoFields('Address'));
    assert.equal(created.city, 'Berlin');
    assert.equal(created.address1, 'Unter den Linden 1');
    assert.equal(created.is_default_billing, false, 'a first address is not the default on Bagisto');
    const listed = await client.customer.addresses.list();
    assert.deepEqual(listed.data.map((address) => address.id), [created.id]);
    assert.equal(listed.meta, undefined, 'Bagisto returns the whole book, without pagination');
    assert.equal((await client.customer.addresses.get(created.id)).postal_code, '10117');
    const moved = await client.customer.addresses.update(created.id, { city: 'Potsdam', postal_code: '14467' });
    assert.equal(moved.city, 'Potsdam');
    await client.customer.addresses.delete(moved.id);
    assert.deepEqual((await client.customer.addresses.list()).data, []);
    // Bagisto's 403 for an unknown address is the unified `record_not_found`.
    await assert.rejects(client.customer.addresses.get(moved.id), (error) => {
      return error instanceof sdk.StorefrontError && error.code === 'record_not_found';
    });

    // Wrong credentials (a 201 with `success: false` on the wire).
    const stranger = sdk.createClient({ baseUrl, publishableKey });
    await assert.rejects(stranger.auth.login({ email, password: 'Wrong-password1!' }), (error) => {
      assert.ok(error instanceof sdk.StorefrontError && error instanceof sdk.SpreeError);
      assert.equal(error.code, 'authentication_failed');
      return true;
    });
    stranger.dispose();

    // A reset request looks the same for an unknown email; completion is the web page's.
    const known = await client.passwordResets.create({ email });
    assert.deepEqual(keys(known), ['message']);
    assert.deepEqual(keys(await client.passwordResets.create({ email: uniqueEmail() })), ['message']);
    const { messages } = await mockControl.call(`outbox?to=${encodeURIComponent(email)}`);
    assert.equal(messages.length, 1);
    await assert.rejects(
      client.passwordResets.update(messages[0].token, { password: 'NewPassword1!', password_confirmation: 'NewPassword1!' }),
      (error) => error.code === 'unsupported',
    );

    await client.auth.logout();
    assert.equal(await client.getSession(), null);
    client.dispose();
  });

  test('a wrong storefront key is a configuration error that keeps no session', async (t) => {
    if (unavailable) {
      t.skip(`the mock has no Bagisto backend yet (${unavailable})`);
      return;
    }
    const client = sdk.createClient({ baseUrl, publishableKey: 'pk_wrong' });
    await assert.rejects(client.auth.login({ email: uniqueEmail(), password }), (error) => {
      assert.ok(error instanceof sdk.StorefrontError);
      assert.equal(error.status, 403);
      return true;
    });
    assert.equal(await client.getSession(), null);
    client.dispose();
  });
});

// `storefront-accounts/spryker` as users get it (packed, installed into a
// fresh Node project) against the standalone mock started with
// `--backend spryker`: the unified lifecycle (register, signed in by a login,
// with a refresh token; profile; the address book; a password reset through
// the outbox) and a session held through expiry, with exactly one refresh for
// 20 concurrent calls.
//
// Skipped, with the reason, only when the mock binary reports that it has no
// Spryker backend (`storefront-mock --backend spryker` exits 2); any other
// failure to start it fails the suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BackendUnavailable,
  controller,
  declaredFields,
  installPackage,
  keys,
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
// Spryker's default password policy wants 12 characters or more.
const password = 'Password1!Spryker';

/** The fields the Spryker entry's `.d.ts` declares for `name`. */
function sprykerFields(name) {
  return declaredFields(installed.packageDir, ['spryker/index.d.ts', 'shared.d.ts'], name);
}

before(async () => {
  try {
    ({ child: mock, url: baseUrl } = await startMock(['--backend', 'spryker']));
  } catch (error) {
    if (!(error instanceof BackendUnavailable)) throw error;
    unavailable = error.message;
    return;
  }
  mockControl = controller(baseUrl);
  installed = installPackage();
  sdk = await installed.load('storefront-accounts/spryker');
});

after(() => {
  mock?.kill('SIGTERM');
  installed?.dispose();
});

/** A registration with what Spryker requires. */
function registration(email) {
  return {
    email, password, password_confirmation: password, first_name: 'Ada', last_name: 'Lovelace',
    salutation: 'Ms', gender: 'female', accepted_terms: true,
  };
}

describe('storefront-accounts/spryker against storefront-mock --backend spryker', () => {
  test('the unified lifecycle', async (t) => {
    if (unavailable) {
      t.skip(`the mock has no Spryker backend yet (${unavailable})`);
      return;
    }
    const client = sdk.createClient({ baseUrl });
    const { until } = recordEvents(client);
    const email = uniqueEmail();

    const registered = await client.customers.create(registration(email));
    assert.deepEqual(keys(registered), ['refresh_token', 'token', 'user']);
    assert.deepEqual(keys(registered.user), sprykerFields('AuthUser'));
    await until('SIGNED_IN');
    const session = await client.getSession();
    assert.deepEqual(keys(session), sprykerFields('AuthSessionOf'));
    assert.equal(session.refresh_token, registered.refresh_token);

    const me = await client.customer.get();
    assert.deepEqual(keys(me), sprykerFields('Customer'));
    assert.equal(me.email, email);
    assert.equal(me.salutation, 'Ms');
    assert.equal((await client.customer.update({ last_name: 'Byron' })).last_name, 'Byron');

    const created = await client.customer.addresses.create({
      first_name: 'Ada', last_name: 'Byron', address1: 'Julie-Wolfthorn-Str. 1', city: 'Berlin',
      postal_code: '10115', country_iso: 'DE', salutation: 'Ms',
    });
    assert.deepEqual(keys(created), sprykerFields('Address'));
    assert.equal(created.address1, 'Julie-Wolfthorn-Str. 1');
    const listed = await client.customer.addresses.list();
    assert.deepEqual(listed.data.map((address) => address.id), [created.id]);
    assert.equal(listed.meta, undefined);
    assert.equal((await client.customer.addresses.update(created.id, { city: 'Potsdam' })).city, 'Potsdam');
    await client.customer.addresses.delete(created.id);
    assert.deepEqual((await client.customer.addresses.list()).data, []);

    const refreshed = await client.auth.refresh();
    assert.notEqual(refreshed.refresh_token, registered.refresh_token, 'Spryker rotates refresh tokens');

    assert.deepEqual(keys(await client.passwordResets.create({ email })), ['message']);
    const { messages } = await mockControl.call(`outbox?to=${encodeURIComponent(email)}`);
    assert.equal(messages.length, 1);
    await client.auth.logout();
    assert.equal((await until('SIGNED_OUT')).detail.reason, 'USER_LOGOUT');
    const completed = await client.passwordResets.update(messages[0].token, {
      password: 'NewPassword1!Spryker', password_confirmation: 'NewPassword1!Spryker',
    });
    assert.equal(completed, null);
    await client.auth.login({ email, password: 'NewPassword1!Spryker' });
    await client.auth.logout();
    client.dispose();
  });

  test('through expiry, 20 concurrent calls cause exactly one refresh', async (t) => {
    if (unavailable) {
      t.skip(`the mock has no Spryker backend yet (${unavailable})`);
      return;
    }
    const client = sdk.createClient({ baseUrl });
    const { until } = recordEvents(client);
    await client.customers.create(registration(uniqueEmail()));
    const before = await client.getSession();
    await mockControl.delete('requests');
    // Past the 8-hour access token.
    await mockControl.call('clock', { advance_seconds: 8 * 3600 + 60 });
    const results = await Promise.all(Array.from({ length: 20 }, () => client.customer.get()));
    assert.equal(new Set(results.map((customer) => customer.id)).size, 1);
    const { requests } = await mockControl.call('requests');
    assert.equal(requests.filter((request) => request.path.endsWith('/refresh-tokens')).length, 1);
    const refreshed = await until('TOKEN_REFRESHED');
    const after = await client.getSession();
    assert.equal(refreshed.session.token, after.token);
    assert.notEqual(after.refresh_token, before.refresh_token);
    await client.auth.logout();
    client.dispose();
  });
});

// Runs Spree's official TypeScript client (@spree/sdk 1.2.1) through a full customer-account
// lifecycle against a running storefront-mock, and checks every result against Spree's own
// zod schemas (@spree/sdk/zod) plus the contract of shared/spec/spree-v3.md.
//
// It starts nothing itself: STOREFRONT_MOCK_URL is the mock's origin (e.g. http://127.0.0.1:4010).
// Optional: SPREE_PUBLISHABLE_KEY (default pk_test).
// Prints "N passed, M failed" and exits non-zero on any mismatch.
import assert from 'node:assert/strict';
import { createClient, SpreeError } from '@spree/sdk';
import { AddressSchema, CustomerSchema } from '@spree/sdk/zod';

const origin = (process.env.STOREFRONT_MOCK_URL || '').replace(/\/+$/, '');
if (!origin) {
  console.error('STOREFRONT_MOCK_URL is required (the mock origin, e.g. http://127.0.0.1:4010)');
  process.exit(2);
}
const publishableKey = process.env.SPREE_PUBLISHABLE_KEY || 'pk_test';
const client = createClient({ baseUrl: origin, publishableKey });

let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}\n     ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 6).join('\n     ')}`);
  }
}

async function control(method, path, body) {
  const r = await fetch(`${origin}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path} -> ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function expectSpreeError(promise, status, code, message) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof SpreeError, `expected SpreeError, got ${e}`);
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    if (message !== undefined) assert.equal(e.message, message);
    return e;
  }
  assert.fail(`expected ${status} ${code}, got success`);
}

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{24}$/;
function b64urlJson(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}
function checkAuth(auth, email) {
  assert.deepEqual(Object.keys(auth), ['token', 'refresh_token', 'user']);
  assert.match(auth.refresh_token, BASE58);
  const [h, p, s] = auth.token.split('.');
  assert.equal(Buffer.from(h, 'base64url').toString(), '{"alg":"HS256"}');
  const payload = b64urlJson(p);
  assert.deepEqual(Object.keys(payload), ['user_id', 'user_type', 'jti', 'iss', 'aud', 'exp']);
  assert.equal(payload.iss, 'spree');
  assert.equal(payload.aud, 'store_api');
  assert.equal(payload.user_type, 'customer');
  assert.equal(typeof payload.user_id, 'number');
  assert.equal(Buffer.from(s, 'base64url').length, 32);
  CustomerSchema.parse(auth.user);
  assert.match(auth.user.id, /^cus_/);
  if (email) assert.equal(auth.user.email, email);
  return payload;
}
function checkAddress(a) {
  AddressSchema.parse(a);
  assert.match(a.id, /^addr_/);
  // the mock emits both name generations (spec §8.1)
  assert.equal(a.country_code, a.country_iso);
  assert.equal(a.state_code, a.state_abbr);
}

const email = `sdk.${Date.now()}.${process.pid}@example.com`;
const password = 'password123';
let auth;
let session; // latest tokens
let addrA;
let addrB;

await step('customers.create (register) -> AuthTokens', async () => {
  auth = await client.customers.create({
    email,
    password,
    password_confirmation: password,
    first_name: 'Ada',
    last_name: 'Lovelace',
    accepts_email_marketing: false,
    metadata: { source: 'conformance' },
  });
  checkAuth(auth, email);
  assert.equal(auth.user.full_name, 'Ada Lovelace');
  assert.deepEqual(auth.user.addresses, []);
  assert.equal('metadata' in auth.user, false);
  session = auth;
});

await step('customers.create duplicate -> SpreeError 422 validation_error with details', async () => {
  const e = await expectSpreeError(
    client.customers.create({ email, password }),
    422,
    'validation_error',
    'Email has already been taken',
  );
  assert.deepEqual(e.details, { email: ['has already been taken'] });
});

await step('auth.login -> AuthTokens with exp = now + 3600', async () => {
  const t0 = Math.floor(Date.now() / 1000);
  const a = await client.auth.login({ email, password });
  const p = checkAuth(a, email);
  assert.ok(Math.abs(p.exp - (t0 + 3600)) < 120, `exp ${p.exp} vs now ${t0}`);
  assert.notEqual(a.refresh_token, auth.refresh_token);
  session = a;
});

await step('auth.login wrong password -> 401 authentication_failed', async () => {
  await expectSpreeError(client.auth.login({ email, password: 'wrong-password' }), 401, 'authentication_failed', 'Invalid email or password');
});

await step('auth.login unknown provider -> 400 invalid_provider', async () => {
  await expectSpreeError(client.auth.login({ provider: 'auth0', token: 'x' }), 400, 'invalid_provider', 'Unsupported authentication provider: auth0');
});

await step('auth.refresh rotates; old refresh token -> 401 invalid_refresh_token', async () => {
  const old = session.refresh_token;
  const r = await client.auth.refresh({ refresh_token: old });
  checkAuth(r, email);
  assert.notEqual(r.refresh_token, old);
  await expectSpreeError(client.auth.refresh({ refresh_token: old }), 401, 'invalid_refresh_token', 'Invalid or expired refresh token');
  session = r;
});

await step('auth.refresh survives a dropped connection (SDK retry + Idempotency-Key replay)', async () => {
  await control('POST', '/__mock/faults', {
    method: 'POST',
    path: '/api/v3/store/auth/refresh',
    times: 1,
    drop_connection: true,
  });
  const r = await client.auth.refresh({ refresh_token: session.refresh_token });
  checkAuth(r, email);
  const r2 = await client.auth.refresh({ refresh_token: r.refresh_token });
  checkAuth(r2, email);
  session = r2;
});

await step('customer.get -> Customer', async () => {
  const c = await client.customer.get({ token: session.token });
  CustomerSchema.parse(c);
  assert.equal(c.email, email);
  assert.equal(c.id, auth.user.id);
  assert.equal(c.available_store_credit_total, '0');
  assert.equal(c.display_available_store_credit_total, '$0.00');
});

await step('customer.get without token -> 401 authentication_required', async () => {
  await expectSpreeError(client.customer.get(), 401, 'authentication_required', 'Authentication required');
});

await step('customer.update -> Customer', async () => {
  const c = await client.customer.update({ first_name: 'Augusta', phone: '+44 20 7946 0000', metadata: { k: 1 } }, { token: session.token });
  CustomerSchema.parse(c);
  assert.equal(c.first_name, 'Augusta');
  assert.equal(c.full_name, 'Augusta Lovelace');
  assert.equal(c.phone, '+44 20 7946 0000');
});

await step('customer.update email without current_password -> 422 current_password_invalid', async () => {
  await expectSpreeError(
    client.customer.update({ email: `x${email}` }, { token: session.token }),
    422,
    'current_password_invalid',
    'Current password is invalid or missing',
  );
});

await step('customer.addresses.list (empty) -> PaginatedResponse', async () => {
  const l = await client.customer.addresses.list({}, { token: session.token });
  assert.deepEqual(l, { data: [], meta: { page: 1, limit: 25, count: 0, pages: 1, from: 0, to: 0, in: 0, previous: null, next: null } });
});

await step('customer.addresses.create (US, 5.6.1 names) -> first address is both defaults', async () => {
  addrA = await client.customer.addresses.create(
    {
      first_name: 'John',
      last_name: 'Doe',
      address1: '123 Main St',
      city: 'New York',
      postal_code: '10001',
      country_iso: 'US',
      state_abbr: 'NY',
      phone: '+1 555 123 4567',
      is_default_billing: false,
    },
    { token: session.token },
  );
  checkAddress(addrA);
  assert.equal(addrA.is_default_billing, true);
  assert.equal(addrA.is_default_shipping, true);
  assert.equal(addrA.country_name, 'United States of America');
  assert.equal(addrA.state_text, 'NY');
});

await step('customer.addresses.create (DE) -> not default', async () => {
  addrB = await client.customer.addresses.create(
    { first_name: 'Erika', last_name: 'Mustermann', address1: 'Hauptstr. 1', city: 'Berlin', postal_code: '10115', country_iso: 'DE' },
    { token: session.token },
  );
  checkAddress(addrB);
  assert.equal(addrB.is_default_billing, false);
  assert.equal(addrB.country_iso, 'DE');
});

await step('customer.addresses.create invalid -> 422 validation_error with model-keyed details', async () => {
  const e = await expectSpreeError(client.customer.addresses.create({}, { token: session.token }), 422, 'validation_error');
  assert.deepEqual(Object.keys(e.details).sort(), ['address1', 'city', 'country', 'firstname', 'lastname', 'zipcode']);
});

await step('customer.addresses.list -> 2 addresses, most recently updated first', async () => {
  const l = await client.customer.addresses.list({ page: 1, limit: 25 }, { token: session.token });
  l.data.forEach(checkAddress);
  assert.deepEqual(l.data.map((a) => a.id), [addrB.id, addrA.id]);
  assert.deepEqual(l.meta, { page: 1, limit: 25, count: 2, pages: 1, from: 1, to: 2, in: 2, previous: null, next: null });
  const p = await client.customer.addresses.list({ page: 2, limit: 1 }, { token: session.token });
  assert.equal(p.data.length, 1);
  assert.equal(p.meta.previous, 1);
  assert.equal(p.meta.next, null);
});

await step('customer.addresses.get -> Address', async () => {
  const a = await client.customer.addresses.get(addrA.id, { token: session.token });
  checkAddress(a);
  assert.deepEqual(a, addrA);
});

await step('customer.addresses.update -> same id, default moved', async () => {
  const a = await client.customer.addresses.update(addrB.id, { city: 'Hamburg', postal_code: '20095', is_default_shipping: true }, { token: session.token });
  checkAddress(a);
  assert.equal(a.id, addrB.id);
  assert.equal(a.city, 'Hamburg');
  assert.equal(a.is_default_shipping, true);
  const c = await client.customer.get({ token: session.token });
  assert.equal(c.default_shipping_address.id, addrB.id);
  assert.equal(c.default_billing_address.id, addrA.id);
});

await step('customer.addresses.update of an ordered address -> new id', async () => {
  await control('POST', `/__mock/addresses/${addrA.id}/complete_order`);
  const a = await client.customer.addresses.update(addrA.id, { address1: '500 Fifth Ave' }, { token: session.token });
  checkAddress(a);
  assert.notEqual(a.id, addrA.id);
  assert.equal(a.is_default_billing, true);
  addrA = a;
});

await step('customer.addresses.delete -> void; then get -> 404 record_not_found', async () => {
  const r = await client.customer.addresses.delete(addrB.id, { token: session.token });
  assert.equal(r, undefined);
  await expectSpreeError(client.customer.addresses.get(addrB.id, { token: session.token }), 404, 'record_not_found', 'Address not found');
});

await step('passwordResets.create -> 202 message, known and unknown email alike', async () => {
  const known = await client.passwordResets.create({ email, redirect_url: 'https://evil.example/reset' });
  const unknown = await client.passwordResets.create({ email: `nobody-${email}` });
  assert.deepEqual(known, { message: 'If an account exists for that email, password reset instructions have been sent.' });
  assert.deepEqual(unknown, known);
});

let resetToken;
await step('GET /__mock/outbox has the reset token (no "/")', async () => {
  const out = await control('GET', `/__mock/outbox?to=${encodeURIComponent(email)}`);
  assert.equal(out.messages.length, 1);
  const m = out.messages[0];
  resetToken = m.token;
  assert.deepEqual(Object.keys(m).sort(), ['created_at', 'kind', 'redirect_url', 'to', 'token']);
  assert.equal(m.kind, 'password_reset');
  assert.equal(m.to, email);
  assert.equal(m.redirect_url, null);
  assert.ok(!m.token.includes('/'));
});

await step('GET /__mock/outbox message keys in the documented order (issue 2)', async () => {
  const out = await control('GET', `/__mock/outbox?to=${encodeURIComponent(email)}`);
  assert.deepEqual(Object.keys(out.messages[0]), ['kind', 'to', 'token', 'redirect_url', 'created_at']);
});

await step('passwordResets.update mismatch -> 422 validation_error', async () => {
  const e = await expectSpreeError(
    client.passwordResets.update(resetToken, { password: 'newpassword1', password_confirmation: 'different1' }),
    422,
    'validation_error',
    "Password confirmation doesn't match Password",
  );
  assert.deepEqual(e.details, { password_confirmation: ["doesn't match Password"] });
});

await step('passwordResets.update (token inserted raw by the SDK) -> AuthTokens, sessions revoked', async () => {
  const before = session.refresh_token;
  const a = await client.passwordResets.update(resetToken, { password: 'newpassword1', password_confirmation: 'newpassword1' });
  checkAuth(a, email);
  await expectSpreeError(client.auth.refresh({ refresh_token: before }), 401, 'invalid_refresh_token');
  session = a;
});

await step('passwordResets.update reused token -> 422 password_reset_token_invalid', async () => {
  await expectSpreeError(
    client.passwordResets.update(resetToken, { password: 'another12', password_confirmation: 'another12' }),
    422,
    'password_reset_token_invalid',
    'Password reset token is invalid or has expired.',
  );
});

await step('auth.login with the new password', async () => {
  const a = await client.auth.login({ email, password: 'newpassword1' });
  checkAuth(a, email);
  await expectSpreeError(client.auth.login({ email, password }), 401, 'authentication_failed');
  session = a;
});

await step('auth.logout -> void, refresh token revoked, JWT still valid', async () => {
  const r = await client.auth.logout({ refresh_token: session.refresh_token });
  assert.equal(r, undefined);
  await expectSpreeError(client.auth.refresh({ refresh_token: session.refresh_token }), 401, 'invalid_refresh_token');
  const c = await client.customer.get({ token: session.token });
  CustomerSchema.parse(c);
  // logout of an unknown token is still a success
  assert.equal(await client.auth.logout({ refresh_token: 'LQgQuH8rdUfM5EEX3L72Jmfv' }), undefined);
});

await step('wrong publishable key -> 401 invalid_token', async () => {
  const bad = createClient({ baseUrl: origin, publishableKey: 'pk_wrong' });
  await expectSpreeError(bad.auth.login({ email, password: 'newpassword1' }), 401, 'invalid_token', 'Valid API key required');
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

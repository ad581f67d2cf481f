// End-to-end: the account page, built by Vite from the packed package, in real
// headless Chromium against the mock (see harness.mjs), on a desktop screen
// and on a 390×844 phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'vite';
import {
  expectSignedIn,
  expectSignedOut,
  freePort,
  newPage,
  resetLink,
  root,
  signIn,
  signOut,
  signUp,
  start,
  submitAddress,
  uniqueEmail,
  viewports,
} from './harness.mjs';

let env;

before(async () => {
  env = await start();
});

after(async () => {
  await env?.close();
});

async function refreshRequests() {
  const { requests } = await env.mockControl('requests');
  return requests.filter((request) => request.method === 'POST' && request.path === '/api/v3/store/auth/refresh');
}

/** Whether the whole element is inside the visible part of the page. */
function inViewport(locator) {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  });
}

async function assertNoSideways(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
}

/** The name of the focused field. */
function focusedName(page) {
  return page.evaluate(() => document.activeElement?.name ?? null);
}

describe('account page in Chromium', () => {
  test('vite dev serves the package without configuration: sign up works', async () => {
    const port = await freePort();
    // `force`: the package may have been reinstalled from a new tarball with
    // the lockfile unchanged, and Vite must not serve its cached pre-bundle.
    const devServer = await createServer({
      root,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port, strictPort: true },
      optimizeDeps: { force: true },
    });
    await devServer.listen();
    const context = await env.browser.newContext();
    try {
      const page = await newPage(context, `http://127.0.0.1:${port}/`);
      await expectSignedOut(page);
      await signUp(page, uniqueEmail());
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      await devServer.close();
    }
  });

  test('vite build: register, sign out, log in, reload and still be signed in', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context, env.previewUrl);
    await expectSignedOut(page);
    const email = uniqueEmail();
    await signUp(page, email);
    await signOut(page);
    await signIn(page, email);
    await page.reload();
    await expectSignedIn(page, email);
    const events = await page.locator('#events li').allTextContents();
    assert.equal(events[0], 'INITIAL_SESSION');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('profile: saved, and still there after a reload', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context, env.previewUrl);
    await signUp(page, uniqueEmail());
    await page.fill('#profile [name=last_name]', 'Byron');
    await page.click('#profile button:not([type])');
    await page.waitForFunction(() => document.querySelector('#profile .note').textContent === 'Profile saved.');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#profile [name=last_name]').value === 'Byron');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  for (const [screen, options] of Object.entries(viewports)) {
    describe(`on a ${screen} (${options.viewport.width}×${options.viewport.height})`, () => {
      test('a failed sign-in shows its error in the sign-in form, on screen', async () => {
        const context = await env.browser.newContext(options);
        const page = await newPage(context, env.previewUrl);
        const email = uniqueEmail();
        await signUp(page, email);
        await signOut(page);
        await page.fill('#sign-in [name=email]', email);
        await page.fill('#sign-in [name=password]', 'not-the-password');
        await page.click('#sign-in button');
        const error = page.locator('#sign-in .note');
        await error.filter({ hasText: /\S/ }).waitFor();
        assert.equal(await error.textContent(), 'Invalid email or password');
        assert.equal(await error.getAttribute('data-tone'), 'error');
        assert.equal(await error.getAttribute('aria-live'), 'polite');
        assert.ok(await inViewport(error), 'the error is on screen');
        assert.equal(await page.getAttribute('#sign-in', 'data-failed'), '', 'the form is marked as failed');
        assert.equal(await focusedName(page), 'password', 'focus is back on the cleared password');
        assert.equal(await page.inputValue('#sign-in [name=password]'), '');
        assert.equal(await page.textContent('#status'), 'Signed out');
        assert.equal(await page.inputValue('#request-reset [name=email]'), email, 'ready to ask for a reset link');
        await assertNoSideways(page);
        // The next attempt clears the error.
        await signIn(page, email);
        await signOut(page);
        assert.equal(await error.textContent(), '');
        assert.equal(await page.getAttribute('#sign-in', 'data-failed'), null);
        assert.deepEqual(page.errors, []);
        await context.close();
      });

      test('field errors show under their fields, in the words of their labels', async () => {
        const context = await env.browser.newContext(options);
        const page = await newPage(context, env.previewUrl);
        await signUp(page, uniqueEmail());
        await submitAddress(page, { address1: '1 Main St', city: 'New York', state_abbr: '', postal_code: 'ABC' });
        const stateError = page.locator('#address-form-state_abbr-error');
        const postalError = page.locator('#address-form-postal_code-error');
        await postalError.waitFor();
        assert.equal(await stateError.textContent(), "State can't be blank");
        assert.equal(await postalError.textContent(), 'Postal code is invalid');
        assert.equal(await page.textContent('#address-form .note'), 'Please correct the marked fields.');
        for (const [name, hint] of [['state_abbr', stateError], ['postal_code', postalError]]) {
          const field = page.locator(`#address-form [name=${name}]`);
          assert.equal(await field.getAttribute('aria-invalid'), 'true');
          assert.equal(await field.getAttribute('aria-describedby'), await hint.getAttribute('id'));
          // Right under its own field.
          assert.equal(await hint.evaluate((element) => element.previousElementSibling.control.name), name);
          const fieldBox = await field.boundingBox();
          const hintBox = await hint.boundingBox();
          assert.ok(hintBox.y >= fieldBox.y + fieldBox.height && hintBox.y - (fieldBox.y + fieldBox.height) < 16,
            `${name}: the error is just under the field`);
          assert.ok(Math.abs(hintBox.x - fieldBox.x) < 2, `${name}: the error lines up with the field`);
        }
        assert.equal(await focusedName(page), 'state_abbr', 'focus is on the first field to fix');
        assert.ok(await inViewport(stateError), 'the first error is on screen');
        await assertNoSideways(page);
        // Fixed, the address is added and the errors are gone.
        await submitAddress(page, { state_abbr: 'NY', postal_code: '10001' });
        await page.locator('#addresses li').waitFor();
        assert.equal(await page.locator('#address-form .field-error').count(), 0);
        assert.equal(await page.locator('#address-form [aria-invalid]').count(), 0);
        assert.equal(await page.textContent('#address-form .note'), 'Address added.');
        assert.deepEqual(page.errors, []);
        await context.close();
      });

      test('addresses: name, region and default badges; edit, then delete', async () => {
        const context = await env.browser.newContext(options);
        const page = await newPage(context, env.previewUrl);
        await signUp(page, uniqueEmail(), { first: 'Ada', last: 'Lovelace' });
        // A new address starts with the customer's name.
        await page.waitForFunction(() => document.querySelector('#address-form [name=last_name]').value === 'Lovelace');
        await submitAddress(page, {
          address1: '1 Main St', city: 'New York', state_abbr: 'NY', postal_code: '10001', is_default_shipping: true,
        });
        await page.waitForFunction(() => document.querySelectorAll('#addresses li').length === 1);
        await submitAddress(page, {
          first_name: 'Charles',
          last_name: 'Babbage',
          address1: '2 Hauptstraße',
          city: 'Berlin',
          state_abbr: '',
          postal_code: '10115',
          country_iso: 'DE',
          is_default_billing: true,
        });
        await page.waitForFunction(() => document.querySelectorAll('#addresses li').length === 2);
        const newYork = page.locator('#addresses li', { hasText: '1 Main St' });
        const berlin = page.locator('#addresses li', { hasText: '2 Hauptstraße' });
        assert.equal(await newYork.locator('.address-name strong').textContent(), 'Ada Lovelace');
        assert.deepEqual(await newYork.locator('.badge').allTextContents(), ['Default shipping']);
        assert.deepEqual(await newYork.locator('.line').allTextContents(),
          ['1 Main St', 'New York, NY 10001', 'United States of America']);
        assert.equal(await berlin.locator('.address-name strong').textContent(), 'Charles Babbage');
        assert.deepEqual(await berlin.locator('.badge').allTextContents(), ['Default billing']);
        assert.deepEqual(await berlin.locator('.line').allTextContents(), ['2 Hauptstraße', 'Berlin, 10115', 'Germany']);
        await assertNoSideways(page);

        // Edit: the form is filled from the address and saved with `update`.
        await env.mockControl('requests', { method: 'DELETE' });
        await page.click('button[aria-label="Edit 1 Main St"]');
        assert.equal(await page.textContent('#address-form-title'), 'Edit 1 Main St');
        assert.equal(await page.locator('#addresses li[aria-current=true]').count(), 1);
        assert.match(await page.textContent('#addresses li[aria-current=true]'), /1 Main St/);
        assert.equal(await focusedName(page), 'first_name');
        assert.ok(await inViewport(page.locator('#address-form-title')), 'the edit form is on screen');
        const form = page.locator('#address-form');
        const filled = {};
        for (const name of ['first_name', 'last_name', 'address1', 'city', 'state_abbr', 'postal_code', 'country_iso']) {
          filled[name] = await form.locator(`[name=${name}]`).inputValue();
        }
        assert.deepEqual(filled, {
          first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'New York',
          state_abbr: 'NY', postal_code: '10001', country_iso: 'US',
        });
        assert.ok(await form.locator('[name=is_default_shipping]').isChecked());
        assert.ok(!(await form.locator('[name=is_default_billing]').isChecked()));
        await submitAddress(page, { city: 'Brooklyn', postal_code: '11201' });
        await page.waitForFunction(() => document.querySelector('#address-form .note').textContent === 'Address saved.');
        const edited = page.locator('#addresses li', { hasText: '1 Main St' });
        assert.deepEqual(await edited.locator('.line').allTextContents(),
          ['1 Main St', 'Brooklyn, NY 11201', 'United States of America']);
        assert.deepEqual(await edited.locator('.badge').allTextContents(), ['Default shipping']);
        assert.equal(await page.locator('#addresses li').count(), 2);
        assert.equal(await page.textContent('#address-form-title'), 'Add an address');
        assert.equal(await page.locator('#addresses li[aria-current]').count(), 0);
        const { requests } = await env.mockControl('requests');
        assert.ok(requests.some((request) => request.method === 'PATCH'
          && request.path.startsWith('/api/v3/store/customers/me/addresses/')), 'saved with PATCH');
        assert.ok(!requests.some((request) => request.method === 'POST'
          && request.path === '/api/v3/store/customers/me/addresses'), 'no new address');

        await page.click('button[aria-label="Delete 2 Hauptstraße"]');
        await page.waitForFunction(() => document.querySelectorAll('#addresses li').length === 1);
        assert.equal(await page.textContent('#addresses-note'), 'Address deleted.');
        assert.deepEqual(page.errors, []);
        await context.close();
      });

      test('the emailed reset link opens the new-password form; the new password signs in', async () => {
        const context = await env.browser.newContext(options);
        const page = await newPage(context, env.previewUrl);
        const email = uniqueEmail();
        await signUp(page, email);
        await signOut(page);
        const link = await resetLink(page, env.mockControl, email);
        assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
        await page.close();

        const fromEmail = await newPage(context, link);
        assert.ok(await fromEmail.isVisible('#reset-password'));
        assert.ok(!(await fromEmail.isVisible('#sign-in')));
        assert.ok(await inViewport(fromEmail.locator('#reset-password button:not([type])')));
        assert.equal(await fromEmail.evaluate(() => document.activeElement?.closest('form')?.id), 'reset-password');
        assert.equal(await focusedName(fromEmail), 'password');
        await assertNoSideways(fromEmail);
        await fromEmail.keyboard.type('NewPassword1!');
        await fromEmail.keyboard.press('Enter');
        await expectSignedIn(fromEmail, email);
        assert.ok(!(await fromEmail.isVisible('#reset-password')));
        assert.equal(new URL(fromEmail.url()).search, '', 'the used token is gone from the address bar');
        await signOut(fromEmail);
        await signIn(fromEmail, email, 'NewPassword1!');
        assert.deepEqual(fromEmail.errors, []);
        await context.close();
      });
    });
  }

  test('sign-up: a taken email is said under the email field', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context, env.previewUrl);
    const email = uniqueEmail();
    await signUp(page, email);
    await signOut(page);
    await page.fill('#sign-up [name=email]', email);
    await page.fill('#sign-up [name=password]', 'Password2!');
    await page.click('#sign-up button');
    const hint = page.locator('#sign-up-email-error');
    await hint.waitFor();
    assert.equal(await hint.textContent(), 'Email has already been taken');
    assert.equal(await page.getAttribute('#sign-up [name=email]', 'aria-describedby'), 'sign-up-email-error');
    assert.equal(await focusedName(page), 'email');
    assert.equal(await page.textContent('#sign-in .note'), '', 'no error in the other forms');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('a used reset link says so beside its form', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context, env.previewUrl);
    const email = uniqueEmail();
    await signUp(page, email);
    await signOut(page);
    const link = await resetLink(page, env.mockControl, email);
    for (const attempt of ['NewPassword1!', 'OtherPassword1!']) {
      await page.goto(link);
      await page.fill('#reset-password [name=password]', attempt);
      await page.click('#reset-password button:not([type])');
      if (attempt === 'NewPassword1!') await signOut(page);
    }
    await page.locator('#reset-password .note').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.textContent('#reset-password .note'),
      'This reset link is invalid or has expired. Cancel and ask for a new one.');
    await page.click('#cancel-reset');
    assert.ok(await page.isVisible('#request-reset'));
    assert.equal(new URL(page.url()).search, '');
    await context.close();
  });

  test('two tabs: signing in in one signs in the other', async () => {
    const context = await env.browser.newContext();
    const first = await newPage(context, env.previewUrl);
    const second = await newPage(context, env.previewUrl);
    await expectSignedOut(second);
    const email = uniqueEmail();
    await signUp(first, email);
    await expectSignedIn(second, email);
    await context.close();
  });

  test('two tabs: signing out in one signs out the other', async () => {
    const context = await env.browser.newContext();
    const first = await newPage(context, env.previewUrl);
    const email = uniqueEmail();
    await signUp(first, email);
    const second = await newPage(context, env.previewUrl);
    await expectSignedIn(second, email);
    await signOut(first);
    await expectSignedOut(second);
    assert.deepEqual([...first.errors, ...second.errors], []);
    await context.close();
  });

  test('an expired token is refreshed transparently, exactly once across two tabs', async () => {
    const context = await env.browser.newContext();
    const first = await newPage(context, env.previewUrl);
    const email = uniqueEmail();
    await signUp(first, email);
    const second = await newPage(context, env.previewUrl);
    await expectSignedIn(second, email);
    await env.mockControl('clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance_seconds: 3700 }),
    });
    await env.mockControl('requests', { method: 'DELETE' });
    // A slow refresh: without the cross-tab lock, the second tab's refresh
    // would certainly start before the first one's result is stored.
    await env.mockControl('faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/api/v3/store/auth/refresh', delay_ms: 500 }),
    });
    for (const page of [first, second]) {
      await page.evaluate(() => { document.querySelector('#profile-email').textContent = ''; });
    }
    await Promise.all([first.click('#reload-profile'), second.click('#reload-profile')]);
    await expectSignedIn(first, email);
    await expectSignedIn(second, email);
    await env.mockControl('faults', { method: 'DELETE' });
    assert.equal(await first.textContent('#account-note'), '');
    assert.equal(await second.textContent('#account-note'), '');
    const refreshes = await refreshRequests();
    assert.equal(refreshes.length, 1, `refresh requests: ${JSON.stringify(refreshes)}`);
    assert.equal(refreshes[0].status, 200);
    assert.deepEqual([...first.errors, ...second.errors], []);
    await context.close();
  });
});

// Takes the README's screenshots (screenshots/*.png) of the page's states on a
// desktop and on a phone: `node e2e/screenshots.mjs`, with what the e2e tests
// need (see harness.mjs). Not part of CI.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  newPage,
  resetLink,
  root,
  signOut,
  signUp,
  start,
  submitAddress,
  viewports,
} from './harness.mjs';

const out = join(root, 'screenshots');
await mkdir(out, { recursive: true });
const env = await start();

async function shoot(page, name) {
  // No caret blinking into the picture.
  await page.addStyleTag({ content: '* { caret-color: transparent !important; }' });
  await page.screenshot({ path: join(out, `${name}.png`) });
}

try {
  for (const [screen, options] of Object.entries(viewports)) {
    const context = await env.browser.newContext(options);
    const page = await newPage(context, env.previewUrl);
    const email = `ada.${screen}@example.com`;
    await signUp(page, email, { first: 'Ada', last: 'Lovelace' });

    await submitAddress(page, {
      address1: '1 Main St', city: 'New York', state_abbr: 'NY', postal_code: '10001', is_default_shipping: true,
    });
    await page.locator('#addresses li').waitFor();
    await submitAddress(page, {
      first_name: 'Ada',
      last_name: 'King',
      address1: '12 St James’s Square',
      city: 'London',
      state_abbr: '',
      postal_code: 'SW1Y 4JH',
      country_iso: 'GB',
      is_default_billing: true,
    });
    await page.waitForFunction(() => document.querySelectorAll('#addresses li').length === 2);
    await page.evaluate(() => scrollTo(0, 0));
    await page.locator('#address-form .note').evaluate((note) => { note.textContent = ''; });
    await shoot(page, `${screen}-account`);

    await page.click('button[aria-label="Edit 1 Main St"]');
    await submitAddress(page, { state_abbr: '', postal_code: '1000' });
    await page.locator('#address-form .field-error').first().waitFor();
    await shoot(page, `${screen}-field-errors`);

    await page.click('#cancel-edit');
    await signOut(page);
    await page.fill('#sign-in [name=email]', email);
    await page.fill('#sign-in [name=password]', 'wrong password');
    await page.click('#sign-in button');
    await page.locator('#sign-in .note').filter({ hasText: /\S/ }).waitFor();
    await shoot(page, `${screen}-sign-in-error`);

    const link = await resetLink(page, env.mockControl, email);
    const fromEmail = await newPage(context, link);
    await shoot(fromEmail, `${screen}-reset-link`);
    await context.close();
  }
} finally {
  await env.close();
}
console.log(`screenshots in ${out}`);

// A CommonJS TypeScript file (`.cts`): the package's types through its
// `require` condition (`index.d.cts`), under `module: node16` and `nodenext`.
// tsc fails with TS1479 if they resolve to ES module declarations.
import sdk = require('storefront-accounts');
import magentoRest = require('storefront-accounts/magento-rest');
import { StorefrontError, type Customer } from 'storefront-accounts/spryker';

const client: sdk.Client = sdk.createClient({ baseUrl: 'https://shop.example', publishableKey: 'pk_test' });
const rest = magentoRest.createClient({ baseUrl: 'https://magento.example' });

export async function email(): Promise<string | null> {
  try {
    const customer = await client.customer.get();
    return customer.email;
  } catch (error) {
    if (error instanceof sdk.StorefrontError || error instanceof StorefrontError) return error.code;
    throw error;
  } finally {
    rest.dispose();
  }
}

export function describe(customer: Customer): string {
  return `${customer.first_name ?? ''} <${customer.email}>`;
}

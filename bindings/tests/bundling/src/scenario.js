// What the SSR bundle and the CommonJS script do with the package, given its
// entries (`{ spree, 'magento-rest', … }`, as imported or required) and the
// mock serving each (`urls`): on the root entry, a registration, a login and
// `customer.get()`; on every entry, a refused login, whose error must be the
// root entry's `StorefrontError`. Resolves to what each call gave.
export const publishableKey = 'pk_test';

export async function run(entries, urls, email, password) {
  const results = {};
  const spree = entries.spree.createClient({ baseUrl: urls.spree, publishableKey });
  await spree.customers.create({ email, password, password_confirmation: password, first_name: 'Ada' });
  await spree.auth.login({ email, password });
  results.customer = (await spree.customer.get()).email;
  spree.dispose();
  for (const [name, entry] of Object.entries(entries)) {
    const client = entry.createClient({ baseUrl: urls[name], publishableKey });
    try {
      await client.auth.login({ email: `nobody-${email}`, password });
      results[name] = 'signed in';
    } catch (error) {
      results[name] = { code: error.code, sharedClass: error instanceof entries.spree.StorefrontError };
    }
    client.dispose();
  }
  return results;
}

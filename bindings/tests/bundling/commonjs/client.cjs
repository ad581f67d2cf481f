// A CommonJS program: every entry of storefront-accounts required, run with
// require-of-ESM turned off (`node --no-experimental-require-module`), as on
// Node 20.0-20.18. `node client.cjs URLS EMAIL PASSWORD` prints JSON: the
// results of src/scenario.js, and whether the package imported as an ES
// module in the same program has the same error class.
const entries = {
  spree: require('storefront-accounts'),
  'magento-rest': require('storefront-accounts/magento-rest'),
  'magento-graphql': require('storefront-accounts/magento-graphql'),
  spryker: require('storefront-accounts/spryker'),
  bagisto: require('storefront-accounts/bagisto'),
};

async function main() {
  const [urls, email, password] = process.argv.slice(2);
  const { run } = await import('../src/scenario.js');
  const results = await run(entries, JSON.parse(urls), email, password);
  const imported = await import('storefront-accounts');
  const { StorefrontError } = require('storefront-accounts/magento-rest');
  results.oneErrorClass = imported.StorefrontError === entries.spree.StorefrontError && StorefrontError === entries.spree.StorefrontError;
  results.requireOfEsmOff = process.execArgv.includes('--no-experimental-require-module');
  console.log(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

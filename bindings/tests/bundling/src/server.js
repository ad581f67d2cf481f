// The server entry of a tiny Vite SSR app (`vite build --ssr`, with
// `ssr.noExternal: true`): every entry of storefront-accounts imported as a
// storefront would. The bundle runs alone: `node server.js URLS EMAIL
// PASSWORD` (URLS: JSON of the mock serving each entry) prints the results
// of src/scenario.js as JSON.
import * as spree from 'storefront-accounts';
import * as magentoRest from 'storefront-accounts/magento-rest';
import * as magentoGraphql from 'storefront-accounts/magento-graphql';
import * as spryker from 'storefront-accounts/spryker';
import * as bagisto from 'storefront-accounts/bagisto';

import { run } from './scenario.js';

const [urls, email, password] = process.argv.slice(2);
const entries = { spree, 'magento-rest': magentoRest, 'magento-graphql': magentoGraphql, spryker, bagisto };
console.log(JSON.stringify(await run(entries, JSON.parse(urls), email, password)));

// Every entry of storefront-accounts, imported as a storefront would, keyed
// by entry name (what src/scenario.js takes).
import * as spree from 'storefront-accounts';
import * as magentoRest from 'storefront-accounts/magento-rest';
import * as magentoGraphql from 'storefront-accounts/magento-graphql';
import * as spryker from 'storefront-accounts/spryker';
import * as bagisto from 'storefront-accounts/bagisto';

export const entries = { spree, 'magento-rest': magentoRest, 'magento-graphql': magentoGraphql, spryker, bagisto };

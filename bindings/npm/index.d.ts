export { createClient, version } from './storefront_accounts.js';
export { StorefrontError, StorefrontError as SpreeError } from '__ERRORS_MODULE__.js';

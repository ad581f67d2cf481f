// Entry for Node (the "node" export condition). Node's fetch cannot read file:
// URLs, so the module is read with fs and instantiated synchronously at import time.
import { readFileSync } from 'node:fs';
import { initSync } from './storefront_accounts.js';

initSync({ module: readFileSync(new URL('./storefront_accounts_bg.wasm', import.meta.url)) });

export { createClient } from './client.js';
export { version } from './storefront_accounts.js';
export { StorefrontError, StorefrontError as SpreeError } from '__ERRORS_MODULE__.js';

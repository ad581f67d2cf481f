// Entry `storefront-accounts/__ENTRY__` for Node (the "node" export condition).
// Node's fetch cannot read file: URLs, so the module is read with fs and
// instantiated synchronously at import time.
import { readFileSync } from 'node:fs';
import { clientOf } from '../client.js';
import { ClientCore, initSync } from './storefront_accounts.js';

initSync({ module: readFileSync(new URL('./storefront_accounts_bg.wasm', import.meta.url)) });

export const createClient = (config) => clientOf(new ClientCore(config, '__ENTRY__'));
export const version = () => '__VERSION__';
export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';

// Entry `storefront-accounts/__ENTRY__` for browsers and bundlers. The module is
// inlined (gzip, base64) and instantiated synchronously at import time: no fetch,
// no top-level await and no bundler plugin or configuration is needed, and
// `createClient` is synchronous.
import { gunzip } from '../gunzip.js';
import { clientOf } from '../client.js';
import { ClientCore, initSync } from './storefront_accounts.js';
import wasmGzipBase64 from './storefront_accounts_wasm_gzip.js';

initSync({ module: gunzip(Uint8Array.from(atob(wasmGzipBase64), (char) => char.charCodeAt(0))) });

export const createClient = (config) => clientOf(new ClientCore(config, '__ENTRY__'));
export const version = () => '__VERSION__';
export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';

// Entry `storefront-accounts/__ENTRY__` for browsers and bundlers. The module is
// inlined (gzip, base64) and instantiated synchronously by the first
// `createClient`, not at import: no fetch, no top-level await and no bundler
// plugin or configuration is needed, `createClient` is synchronous, and as the
// package is marked free of side effects (package.json `sideEffects`), a bundle
// that imports only the error class or types ships no WebAssembly.
import { gunzip } from '../gunzip.js';
import { clientOf } from '../client.js';
import { ClientCore, initSync } from './storefront_accounts.js';
import wasmGzipBase64 from './storefront_accounts_wasm_gzip.js';

// The module's exports, once instantiated.
let instance;

export const createClient = (config) => {
  instance ??= initSync({ module: gunzip(Uint8Array.from(atob(wasmGzipBase64), (char) => char.charCodeAt(0))) });
  return clientOf(new ClientCore(config, '__ENTRY__'));
};
export const version = () => '__VERSION__';
export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';

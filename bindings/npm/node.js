// Entry `storefront-accounts/__ENTRY__` for Node (the "node" export condition),
// and as `node.cjs` (bundled by bindings/build.sh with esbuild) for `require`.
// The module is inlined as in the browser entry, so that a bundle for the
// server needs no file beside it, decoded with Node's zlib (faster than the
// JavaScript decoder) and instantiated synchronously by the first
// `createClient`, not at import.
import { gunzipSync } from 'node:zlib';
import { clientOf } from '../client.js';
import { ClientCore, initSync } from './storefront_accounts.js';
import wasmGzipBase64 from './storefront_accounts_wasm_gzip.js';

// The module's exports, once instantiated.
let instance;

export const createClient = (config) => {
  instance ??= initSync({ module: gunzipSync(Buffer.from(wasmGzipBase64, 'base64')) });
  return clientOf(new ClientCore(config, '__ENTRY__'));
};
export const version = () => '__VERSION__';
export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';

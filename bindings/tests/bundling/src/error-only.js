// A browser bundle that uses only the error class, for an `instanceof` check:
// it must ship no WebAssembly.
import { StorefrontError } from 'storefront-accounts';

globalThis.isStorefrontError = (error) => error instanceof StorefrontError;

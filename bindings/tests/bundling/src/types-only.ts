// A browser bundle that uses only the package's types: it must ship no
// WebAssembly (nor anything else of the package).
import type { Client, Customer, StorefrontError } from 'storefront-accounts';

globalThis.describeCustomer = (customer: Customer, client?: Client, error?: StorefrontError) =>
  `${customer.email}${client ? ' (signed in)' : ''}${error ? `: ${error.code}` : ''}`;

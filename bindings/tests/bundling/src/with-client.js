// The control of the tree-shaking checks: a bundle that creates a client
// ships the module, which the checks must see.
import { createClient } from 'storefront-accounts';

globalThis.client = createClient({ baseUrl: location.origin, publishableKey: 'pk_test' });

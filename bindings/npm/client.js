// `createClient`: arranges the methods of the wasm `ClientCore` into the
// namespaces of `@spree/sdk` (arrow functions, so they can be destructured).
import { ClientCore } from './storefront_accounts.js';

export function createClient(config) {
  const core = new ClientCore(config);
  return {
    customers: {
      create: (params, options) => core.register(params, options),
    },
    auth: {
      login: (credentials, options) => core.login(credentials, options),
      refresh: (params, options) => core.refresh(params, options),
      logout: (params, options) => core.logout(params, options),
    },
    passwordResets: {
      create: (params, options) => core.requestPasswordReset(params, options),
      update: (token, params, options) => core.resetPassword(token, params, options),
    },
    customer: {
      get: (options) => core.getCustomer(options),
      update: (params, options) => core.updateCustomer(params, options),
      addresses: {
        list: (params, options) => core.listAddresses(params, options),
        get: (id, options) => core.getAddress(id, options),
        create: (params, options) => core.createAddress(params, options),
        update: (id, params, options) => core.updateAddress(id, params, options),
        delete: (id, options) => core.deleteAddress(id, options),
      },
    },
    onAuthStateChange: (callback) => core.onAuthStateChange(callback),
    getSession: () => core.getSession(),
    getAccessToken: () => core.getAccessToken(),
    dispose: () => core.dispose(),
  };
}

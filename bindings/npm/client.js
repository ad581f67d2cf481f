// Arranges the operations of an entry's wasm `ClientCore` into the namespaces
// of `@spree/sdk` (arrow functions, so they can be destructured). The same for
// every entry. `core.call(op, first, second, options)`: the numbers are the
// operations of bindings/src/client.rs (`mod op`).
export function clientOf(core) {
  const call = (op) => (first, second, options) => core.call(op, first, second, options);
  // Operations whose only argument before `options` is their first.
  const one = (op) => (first, options) => core.call(op, first, undefined, options);
  const none = (op) => (options) => core.call(op, undefined, undefined, options);
  return {
    customers: { create: one(0) },
    auth: { login: one(1), refresh: one(2), logout: one(3) },
    passwordResets: { create: one(4), update: call(5) },
    customer: {
      get: none(6),
      update: one(7),
      addresses: { list: one(8), get: one(9), create: one(10), update: call(11), delete: one(12) },
    },
    onAuthStateChange: (callback) => core.onAuthStateChange(callback),
    getSession: () => core.call(13),
    getAccessToken: () => core.call(14),
    setSession: one(15),
    dispose: () => core.dispose(),
  };
}

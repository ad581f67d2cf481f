// Appended to the error class (bindings/js/errors.js, its `export` taken off)
// in the package's `errors.js`, whose CommonJS form is `errors.cjs`
// (bindings/tools/commonjs.mjs): the class is registered once per process
// under a global symbol named after the package and its version, and each
// form exports the class that the first of them to load registered, so that
// `instanceof` holds in a program that loads both (Node's `import` and
// `require` of the package).
const registered = Symbol.for('storefront-accounts@__VERSION__');
const shared = (globalThis[registered] ??= StorefrontError);

export { shared as StorefrontError };

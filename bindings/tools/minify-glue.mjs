// Applies to wasm-bindgen's JS glue the renaming that
// `wasm-opt --minify-imports-and-exports-and-modules` made in the module:
// wasm-bindgen names imports after their function and a hash
// (`__wbg_getItem_8e7d…`) and exports after their Rust path, and both the
// module and the glue carry every name, mostly incompressible. wasm-opt prints
// the renaming as JSON and puts every import in one module, `a`.
//
// Every import of the module must be found as a key of the glue's import
// object and the module name once, and every `wasm.<name>` left in the glue
// must be an export of the module; anything else fails the build rather than
// leave a glue that does not match its module.
//
// It also drops the asynchronous initialisation, which no entry uses, and the
// fallback for `initSync`'s old parameters.
//
// Usage: node minify-glue.mjs glue.js renaming.json module.wasm module-name
import { readFileSync, writeFileSync } from 'node:fs';

import { exports, imports } from './wasm-binary.mjs';

const [gluePath, renamingPath, wasmPath, moduleName] = process.argv.slice(2);

function fail(message) {
  console.error(`minify-glue: ${message}`);
  process.exit(1);
}

// wasm-opt's renaming, as it prints it: `{ "imports": [[module, old, new], …],
// "exports": [[old, new], …] }`.
const renaming = new Map();
let printed;
try {
  printed = JSON.parse(readFileSync(renamingPath, 'utf8'));
} catch (error) {
  fail(`the renaming is not JSON: ${error.message}`);
}
if (!Array.isArray(printed?.imports) || !Array.isArray(printed?.exports)) {
  fail('the renaming has no `imports` and `exports` lists');
}
for (const pair of [...printed.imports.map((entry) => entry.slice(1)), ...printed.exports]) {
  if (pair.length !== 2 || !pair.every((name) => typeof name === 'string')) {
    fail(`unexpected entry in the renaming: ${JSON.stringify(pair)}`);
  }
  renaming.set(pair[0], pair[1]);
}

const wasm = readFileSync(wasmPath);
const imported = imports(wasm);
const modules = new Set(imported.map(({ module: name }) => name));
const exported = new Set(exports(wasm).map(({ name }) => name));
if (modules.size !== 1) fail(`expected one import module, found ${[...modules].join(', ')}`);
const [minifiedModule] = modules;

let glue = readFileSync(gluePath, 'utf8');
const moduleKey = `${JSON.stringify(moduleName)}: import0`;
if (glue.split(moduleKey).length !== 2) fail(`the glue does not import from ${moduleName} once`);
glue = glue.replace(moduleKey, () => `${JSON.stringify(minifiedModule)}: import0`);

const escape = (text) => text.replace(/[$]/g, '\\$');
// The glue functions renamed: every import of the module must be one of them
// (the renaming was made before optimizing, which may have dropped imports).
const renamedKeys = new Set();
for (const [old, renamed] of renaming) {
  const key = new RegExp(`(^ {8})${escape(old)}(?=: function\\()`, 'gm');
  const keys = glue.match(key)?.length ?? 0;
  const uses = new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g');
  if (keys > 1) fail(`import ${old} is defined ${keys} times`);
  if (keys === 1) {
    glue = glue.replace(key, (_, indent) => indent + renamed);
    renamedKeys.add(renamed);
  }
  glue = glue.replace(uses, () => `wasm.${renamed}`);
}
const missing = imported.filter(({ name }) => !renamedKeys.has(name)).map(({ name }) => name);
if (missing.length) {
  fail(
    `the glue defines no function for the module's imports ${missing.join(', ')} ` +
      '(a snippet function that wasm-bindgen imports directly has no glue function: give it one, e.g. with `catch`)',
  );
}

// The asynchronous initialisation (`__wbg_init`, the default export, and its
// fetch and streaming loader) goes: every entry instantiates the module it
// inlines with `initSync`.
function cut(from, to, replacement) {
  const start = glue.indexOf(from);
  const end = glue.indexOf(to, start);
  if (start < 0 || end < 0 || glue.indexOf(from, start + 1) >= 0 || glue.indexOf(to, end + 1) >= 0) {
    fail(`the glue is not as expected: no single ${JSON.stringify(from)} ... ${JSON.stringify(to)} to cut`);
  }
  glue = glue.slice(0, start) + replacement + glue.slice(end + to.length);
}
cut('async function __wbg_load(', 'function initSync(', 'function initSync(');
cut('let __wbg_init_promise;', 'export { initSync, __wbg_init as default };', 'export { initSync };');
// `initSync` is called with `{ module }` only: the fallback for its old
// parameters goes too.
cut(
  "        } else {\n            console.warn('using deprecated parameters for `initSync()`",
  "pass a single object instead')\n        }\n",
  '        }\n',
);

for (const [, used] of glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (!exported.has(used)) fail(`the glue uses wasm.${used}, which the module does not export`);
}

writeFileSync(gluePath, glue);

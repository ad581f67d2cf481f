// Applies to wasm-bindgen's JS glue the renaming that
// `wasm-opt --minify-imports-and-exports-and-modules` made in the module:
// wasm-bindgen names imports after their function and a hash
// (`__wbg_getItem_8e7d…`) and exports after their Rust path, and both the
// module and the glue carry every name, mostly incompressible. wasm-opt prints
// the renaming as `old => new` lines and puts every import in one module, `a`.
//
// Every import of the module must be found as a key of the glue's import
// object and the module name once, and every `wasm.<name>` left in the glue
// must be an export of the module; anything else fails the build rather than
// leave a glue that does not match its module.
//
// Usage: node minify-glue.mjs glue.js renaming.txt module.wasm module-name
// Prints the new name of each export given after `--print`.
import { readFileSync, writeFileSync } from 'node:fs';

import { exports, imports } from './wasm-binary.mjs';

const [gluePath, renamingPath, wasmPath, moduleName, ...rest] = process.argv.slice(2);
const printIndex = rest.indexOf('--print');
const printed = printIndex >= 0 ? rest.slice(printIndex + 1) : [];

function fail(message) {
  console.error(`minify-glue: ${message}`);
  process.exit(1);
}

const renaming = new Map();
for (const line of readFileSync(renamingPath, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const match = /^(\S+) => (\S+)$/.exec(line);
  if (!match) fail(`unexpected line in the renaming: ${line}`);
  renaming.set(match[1], match[2]);
}

const wasm = readFileSync(wasmPath);
const imported = imports(wasm);
const modules = new Set(imported.map(({ module: name }) => name));
const count = imported.length;
const exported = new Set(exports(wasm).map(({ name }) => name));
if (modules.size !== 1) fail(`expected one import module, found ${[...modules].join(', ')}`);
const [minifiedModule] = modules;

let glue = readFileSync(gluePath, 'utf8');
const moduleKey = `${JSON.stringify(moduleName)}: import0`;
if (glue.split(moduleKey).length !== 2) fail(`the glue does not import from ${moduleName} once`);
glue = glue.replace(moduleKey, () => `${JSON.stringify(minifiedModule)}: import0`);

const escape = (text) => text.replace(/[$]/g, '\\$');
let renamedImports = 0;
for (const [old, renamed] of renaming) {
  const key = new RegExp(`(^ {8})${escape(old)}(?=: function\\()`, 'gm');
  const keys = glue.match(key)?.length ?? 0;
  const uses = new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g');
  if (keys > 1) fail(`import ${old} is defined ${keys} times`);
  if (keys === 1) {
    glue = glue.replace(key, (_, indent) => indent + renamed);
    renamedImports++;
  }
  glue = glue.replace(uses, () => `wasm.${renamed}`);
}
if (renamedImports !== count) {
  fail(
    `the module has ${count} imports, the glue defines ${renamedImports} of them ` +
      '(a snippet function that wasm-bindgen imports directly has no glue function: give it one, e.g. with `catch`)',
  );
}

for (const [, used] of glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (!exported.has(used)) fail(`the glue uses wasm.${used}, which the module does not export`);
}

writeFileSync(gluePath, glue);
for (const name of printed) {
  if (!renaming.has(name)) fail(`${name} is not in the renaming`);
  console.log(renaming.get(name));
}

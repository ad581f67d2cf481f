// Repairs the table export that wasm-opt from binaryen <= 109 (Debian ships 108)
// writes wrongly: on a module with a funcref table and wasm-bindgen's externref
// table it points `__wbindgen_externrefs` at table 0, the funcref table, and the
// glue then fails at start-up (WebAssembly/binaryen#4711, fixed in version 110).
// The export is pointed back at the module's only externref table, in place.
//
// Usage: node repair-externref-export.mjs module.wasm [export-name]
// (the export's name after wasm-opt minified it; `__wbindgen_externrefs` if not).
import { readFileSync, writeFileSync } from 'node:fs';

import { exports, readUnsigned, sections, skipLimits } from './wasm-binary.mjs';

const EXPORT_NAME = process.argv[3] ?? '__wbindgen_externrefs';
const SECTION_TABLE = 4;
const KIND_TABLE = 1;
const TYPE_EXTERNREF = 0x6f;

const path = process.argv[2];
const bytes = readFileSync(path);

/** The indices of the externref tables in the table section. */
function externrefTableIndices(section) {
  const indices = [];
  let [count, offset] = readUnsigned(bytes, section.start);
  for (let index = 0; index < count; index++) {
    const elementType = bytes[offset++];
    if (elementType === TYPE_EXTERNREF) indices.push(index);
    offset = skipLimits(bytes, offset);
  }
  return indices;
}

const tableSection = sections(bytes).find(({ id }) => id === SECTION_TABLE);
const indexOffset = exports(bytes).find(
  ({ name, kind }) => kind === KIND_TABLE && name === EXPORT_NAME,
)?.indexOffset;
if (!tableSection || indexOffset === undefined) {
  console.log(`${path}: no ${EXPORT_NAME} table export, nothing to repair`);
  process.exit(0);
}
const externrefTables = externrefTableIndices(tableSection);
if (externrefTables.length !== 1 || externrefTables[0] > 0x7f || bytes[indexOffset] > 0x7f) {
  console.error(`${path}: unexpected table layout, externref tables: ${externrefTables}`);
  process.exit(1);
}
if (bytes[indexOffset] !== externrefTables[0]) {
  bytes[indexOffset] = externrefTables[0];
  writeFileSync(path, bytes);
  console.log(`${path}: ${EXPORT_NAME} repointed at table ${externrefTables[0]}`);
}

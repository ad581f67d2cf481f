// Repairs the table export that wasm-opt from binaryen <= 109 (Debian ships 108)
// writes wrongly: on a module with a funcref table and wasm-bindgen's externref
// table it points `__wbindgen_externrefs` at table 0, the funcref table, and the
// glue then fails at start-up (WebAssembly/binaryen#4711, fixed in version 110).
// The export is pointed back at the module's only externref table, in place.
//
// Usage: node repair-externref-export.mjs module.wasm [export-name]
// (the export's name after wasm-opt minified it; `__wbindgen_externrefs` if not).
import { readFileSync, writeFileSync } from 'node:fs';

const EXPORT_NAME = process.argv[3] ?? '__wbindgen_externrefs';
const SECTION_TABLE = 4;
const SECTION_EXPORT = 7;
const KIND_TABLE = 1;
const TYPE_EXTERNREF = 0x6f;

const path = process.argv[2];
const bytes = readFileSync(path);

function readUnsigned(offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return { value, next: offset };
  }
}

function sections() {
  const found = new Map();
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    const size = readUnsigned(offset + 1);
    found.set(id, { start: size.next, end: size.next + size.value });
    offset = size.next + size.value;
  }
  return found;
}

function externrefTableIndices(section) {
  const indices = [];
  let { value: count, next: offset } = readUnsigned(section.start);
  for (let index = 0; index < count; index++) {
    const elementType = bytes[offset++];
    if (elementType === TYPE_EXTERNREF) indices.push(index);
    const flags = bytes[offset++];
    offset = readUnsigned(offset).next;
    if (flags & 1) offset = readUnsigned(offset).next;
  }
  return indices;
}

function tableExportIndexOffset(section) {
  let { value: count, next: offset } = readUnsigned(section.start);
  for (let entry = 0; entry < count; entry++) {
    const nameLength = readUnsigned(offset);
    const name = bytes.subarray(nameLength.next, nameLength.next + nameLength.value).toString();
    offset = nameLength.next + nameLength.value;
    const kind = bytes[offset++];
    if (kind === KIND_TABLE && name === EXPORT_NAME) return offset;
    offset = readUnsigned(offset).next;
  }
  return undefined;
}

const all = sections();
const tableSection = all.get(SECTION_TABLE);
const exportSection = all.get(SECTION_EXPORT);
const indexOffset = exportSection && tableExportIndexOffset(exportSection);
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

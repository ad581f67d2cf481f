// Where the bytes of a WebAssembly module go, by origin, from its `name`
// section: a module straight out of wasm-bindgen (before wasm-opt strips the
// names). Sizes are raw bytes of function bodies and data, and each group
// gzipped on its own: an upper bound of its share of the package's gzip size,
// which wasm-opt and compressing the module as a whole make smaller. Generic
// code counts for the crate that defines it (serde_json's decoder of an SDK
// type counts as serde), and code inlined into a function counts for that
// function. No dependencies.
//
// Usage: node size-breakdown.mjs module.wasm [--top N]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { imports, readName, readUnsigned, sections } from './wasm-binary.mjs';

const path = process.argv[2];
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 0;
const bytes = readFileSync(path);

const leb = (offset) => readUnsigned(bytes, offset);
const name = (offset) => readName(bytes, offset);

// Function indices start after the imported functions.
const importedFunctions = imports(bytes).filter(({ kind }) => kind === 0).length;
const bodies = [];
const names = new Map();
let dataBytes = 0;
const dataChunks = [];
for (const { id, start, end } of sections(bytes)) {
  const size = end - start;
  if (id === 10) {
    let [count, at] = leb(start);
    for (let i = 0; i < count; i++) {
      const [bodySize, bodyStart] = leb(at);
      bodies.push([bodyStart, bodySize]);
      at = bodyStart + bodySize;
    }
  } else if (id === 11) {
    dataBytes += size;
    dataChunks.push(bytes.subarray(start, end));
  } else if (id === 0) {
    const [sectionName, at] = name(start);
    if (sectionName === 'name') {
      for (let sub = at; sub < end; ) {
        const subId = bytes[sub];
        const [subSize, subStart] = leb(sub + 1);
        if (subId === 1) {
          let [count, p] = leb(subStart);
          for (let i = 0; i < count; i++) {
            let index;
            let functionName;
            [index, p] = leb(p);
            [functionName, p] = name(p);
            names.set(index, functionName);
          }
        }
        sub = subStart + subSize;
      }
    }
  }
}

// The first matching rule wins.
const groups = [
  ['float formatting', /flt2dec|float_to_decimal|float_to_exponential|fmt::float|dec2flt|WithDecimalPoint|bignum|zmij|ryu/],
  ['Debug impls', /as core[^>]*::fmt::Debug>::fmt|fmt::builders|DebugStruct|DebugTuple|DebugList|DebugMap|debug_tuple|debug_struct|escape_debug|unicode::printable|grapheme_extend/],
  ['panic and fmt machinery', /panic|core[^:]*::fmt::|alloc[^:]*::fmt::|::fmt::write|Formatter|slice_error_fail|slice_index_fail|str_index_overflow|assert_failed|unwrap_failed|expect_failed|core::result::unwrap|core::option::expect|::fmt::Display>::fmt|::fmt::Arguments|count_chars|itoa/],
  ['serde_json Value (and its BTreeMap)', /serde_json::value|serde_json::map|Value as serde|for serde_json::value::Value|btree/],
  ['serde / serde_json', /serde/],
  ['tracing (events compiled out, wrappers left)', /tracing/],
  ['bindings (storefront_sdk_wasm)', /storefront_sdk_wasm|^clientcore_|^__wbg_clientcore/],
  ['SDK (storefront_sdk)', /storefront_sdk/],
  ['wasm-bindgen, js-sys, web-sys', /wasm_bindgen|js_sys|web_sys|__wbindgen|__wbg|externref/],
  ['allocator', /dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|__rdl_|alloc::alloc|raw_vec|finish_grow/],
  ['async runtime (futures, tokio, slab)', /futures|tokio|slab|Waker|waker|task::|LocalKey/],
  ['hashing, dates, encodings, maps', /sha2|httpdate|base64|uuid|percent_encoding|fastrand|getrandom|hashbrown|hash::|SystemTime|time::/],
  ['strings (utf-8, search, join)', /core[^:]*::str::|alloc[^:]*::str::|::string::|from_utf8|memchr|StrSearcher|TwoWaySearcher|join_generic/],
];
const totals = new Map([...groups.map(([label]) => [label, []]), ['other', []]]);
const functions = [];
let codeBytes = 0;
bodies.forEach(([start, size], i) => {
  codeBytes += size;
  const functionName = names.get(importedFunctions + i) ?? '';
  const group = groups.find(([, pattern]) => pattern.test(functionName))?.[0] ?? 'other';
  totals.get(group).push(bytes.subarray(start, start + size));
  functions.push([size, group, functionName]);
});
totals.set('data (string literals, tables)', dataChunks);

const gz = (chunks) => gzipSync(Buffer.concat(chunks), { level: 9 }).length;
const rows = [...totals]
  .map(([label, chunks]) => [label, chunks.reduce((sum, chunk) => sum + chunk.length, 0), chunks])
  .filter(([, size]) => size > 0)
  .sort((a, b) => b[1] - a[1]);
console.log(`breakdown before wasm-opt: ${codeBytes} bytes of code, ${dataBytes} of data; raw, then gzip -9 of the group alone:`);
for (const [label, size, chunks] of rows) {
  console.log(`  ${String(size).padStart(7)} ${String(gz(chunks)).padStart(7)}  ${label}`);
}
if (top > 0) {
  console.log('largest functions:');
  for (const [size, group, functionName] of functions.sort((a, b) => b[0] - a[0]).slice(0, top)) {
    console.log(`  ${String(size).padStart(7)}  ${group.slice(0, 30).padEnd(30)}  ${functionName.slice(0, 110)}`);
  }
}

// Reading the WebAssembly binary format, as far as the tools here need it:
// LEB128 numbers, names, the section list, imports and exports.

/** The unsigned LEB128 number at `offset`: `[value, offset after it]`. */
export function readUnsigned(bytes, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, offset];
  }
}

/** The name (length-prefixed UTF-8) at `offset`: `[text, offset after it]`. */
export function readName(bytes, offset) {
  const [length, start] = readUnsigned(bytes, offset);
  return [bytes.toString('utf8', start, start + length), start + length];
}

/** The sections in order: `{ id, start, end }`, the offsets of each body. */
export function sections(bytes) {
  const found = [];
  for (let offset = 8; offset < bytes.length; ) {
    const id = bytes[offset];
    const [size, start] = readUnsigned(bytes, offset + 1);
    found.push({ id, start, end: start + size });
    offset = start + size;
  }
  return found;
}

/** Skips table or memory limits at `offset`: the offset after them. */
function skipLimits(bytes, offset) {
  const flags = bytes[offset++];
  [, offset] = readUnsigned(bytes, offset);
  if (flags & 1) [, offset] = readUnsigned(bytes, offset);
  return offset;
}

/** The imports: `{ module, name, kind }` (kind 0 function, 1 table, 2 memory, 3 global). */
export function imports(bytes) {
  const section = sections(bytes).find(({ id }) => id === 2);
  if (!section) return [];
  const found = [];
  let [count, offset] = readUnsigned(bytes, section.start);
  for (let i = 0; i < count; i++) {
    let module;
    let name;
    [module, offset] = readName(bytes, offset);
    [name, offset] = readName(bytes, offset);
    const kind = bytes[offset++];
    if (kind === 0) [, offset] = readUnsigned(bytes, offset);
    else if (kind === 1) offset = skipLimits(bytes, offset + 1);
    else if (kind === 2) offset = skipLimits(bytes, offset);
    else if (kind === 3) offset += 2;
    else throw new Error(`unknown import kind ${kind}`);
    found.push({ module, name, kind });
  }
  return found;
}

/** The exports: `{ name, kind }`. */
export function exports(bytes) {
  const section = sections(bytes).find(({ id }) => id === 7);
  if (!section) return [];
  const found = [];
  let [count, offset] = readUnsigned(bytes, section.start);
  for (let i = 0; i < count; i++) {
    let name;
    [name, offset] = readName(bytes, offset);
    const kind = bytes[offset++];
    [, offset] = readUnsigned(bytes, offset);
    found.push({ name, kind });
  }
  return found;
}

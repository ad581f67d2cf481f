// Synchronous gunzip (RFC 1951/1952) of the WebAssembly module inlined in
// index.js. Inlining gzip bytes as base64 costs about 1% once the page is served
// compressed, against about 33% for base64 of the raw module, and decoding
// synchronously keeps `createClient` synchronous without top-level await.

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function corrupt() {
  return new Error('storefront-accounts: the embedded WebAssembly module is corrupt');
}

/** Canonical Huffman code from code lengths: symbols sorted by length, then value. */
function huffman(lengths) {
  const counts = new Uint16Array(16);
  const offsets = new Uint16Array(16);
  const symbols = new Uint16Array(lengths.length);
  for (const length of lengths) counts[length]++;
  counts[0] = 0;
  for (let length = 1; length < 16; length++) offsets[length] = offsets[length - 1] + counts[length - 1];
  lengths.forEach((length, symbol) => {
    if (length) symbols[offsets[length]++] = symbol;
  });
  return { counts, symbols };
}

const FIXED_LITERALS = huffman(Uint8Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
const FIXED_DISTANCES = huffman(new Uint8Array(30).fill(5));

/** Decompresses a gzip member written by `gzip -n` (no optional header fields). */
export function gunzip(input) {
  if (input[0] !== 0x1f || input[1] !== 0x8b || input[2] !== 8 || input[3] !== 0) throw corrupt();
  const end = input.length;
  const output = new Uint8Array((input[end - 4] | (input[end - 3] << 8) | (input[end - 2] << 16) | (input[end - 1] << 24)) >>> 0);
  let bitPosition = 80;
  let outputPosition = 0;

  const bits = (count) => {
    let value = 0;
    for (let i = 0; i < count; i++, bitPosition++) value |= ((input[bitPosition >>> 3] >>> (bitPosition & 7)) & 1) << i;
    return value;
  };
  const decode = ({ counts, symbols }) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length < 16; length++) {
      code |= bits(1);
      const count = counts[length];
      if (code - first < count) return symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw corrupt();
  };

  let final;
  do {
    final = bits(1);
    const type = bits(2);
    if (type === 0) {
      let byte = (bitPosition + 7) >>> 3;
      const length = input[byte] | (input[byte + 1] << 8);
      byte += 4;
      output.set(input.subarray(byte, byte + length), outputPosition);
      outputPosition += length;
      bitPosition = (byte + length) * 8;
      continue;
    }
    let literals = FIXED_LITERALS;
    let distances = FIXED_DISTANCES;
    if (type === 2) {
      const literalCount = bits(5) + 257;
      const distanceCount = bits(5) + 1;
      const codeLengthCount = bits(4) + 4;
      const codeLengths = new Uint8Array(19);
      for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
      const codeLengthCode = huffman(codeLengths);
      const lengths = new Uint8Array(literalCount + distanceCount);
      for (let i = 0; i < lengths.length; ) {
        const symbol = decode(codeLengthCode);
        if (symbol < 16) {
          lengths[i++] = symbol;
          continue;
        }
        const repeated = symbol === 16 ? lengths[i - 1] : 0;
        const times = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
        lengths.fill(repeated, i, i + times);
        i += times;
      }
      literals = huffman(lengths.subarray(0, literalCount));
      distances = huffman(lengths.subarray(literalCount));
    } else if (type !== 1) {
      throw corrupt();
    }
    for (;;) {
      const symbol = decode(literals);
      if (symbol < 256) {
        output[outputPosition++] = symbol;
      } else if (symbol === 256) {
        break;
      } else {
        const lengthCode = symbol - 257;
        const length = LENGTH_BASE[lengthCode] + bits(LENGTH_EXTRA[lengthCode]);
        const distanceCode = decode(distances);
        const distance = DISTANCE_BASE[distanceCode] + bits(DISTANCE_EXTRA[distanceCode]);
        for (let i = 0; i < length; i++, outputPosition++) output[outputPosition] = output[outputPosition - distance];
      }
    }
  } while (!final);
  if (outputPosition !== output.length) throw corrupt();
  return output;
}

import {
  alawDecodeSample,
  alawEncodeSample,
  mulawDecodeSample,
  mulawEncodeSample,
} from './g711-reference.js';

/**
 * G.711 through lookup tables: one 64 KiB table per law indexed by the raw 16-bit sample for
 * encoding, one 256-entry table for decoding. Tables are built on first use (no work at import)
 * from the G.191 reference functions, so they are bit-exact with the ITU-T tool library.
 */
interface G711Tables {
  readonly encode: Uint8Array;
  readonly decode: Int16Array;
}

let mulawTables: G711Tables | undefined;
let alawTables: G711Tables | undefined;

function buildTables(
  encodeSample: (sample: number) => number,
  decodeSample: (code: number) => number,
): G711Tables {
  const encode = new Uint8Array(65536);
  for (let raw = 0; raw < 65536; raw++) encode[raw] = encodeSample((raw << 16) >> 16);
  const decode = new Int16Array(256);
  for (let code = 0; code < 256; code++) decode[code] = decodeSample(code);
  return { encode, decode };
}

function mulaw(): G711Tables {
  mulawTables ??= buildTables(mulawEncodeSample, mulawDecodeSample);
  return mulawTables;
}

function alaw(): G711Tables {
  alawTables ??= buildTables(alawEncodeSample, alawDecodeSample);
  return alawTables;
}

function encodeWith(table: Uint8Array, samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  // Reading through a Uint16Array view turns each sample into its table index without masking.
  const raw = new Uint16Array(samples.buffer, samples.byteOffset, samples.length);
  for (let i = 0; i < raw.length; i++) out[i] = table[raw[i]!]!;
  return out;
}

function decodeWith(table: Int16Array, data: Uint8Array): Int16Array {
  const out = new Int16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = table[data[i]!]!;
  return out;
}

/** Encodes 16-bit linear samples as G.711 µ-law (ITU-T G.711, bit-exact with G.191). */
export function mulawEncode(samples: Int16Array): Uint8Array {
  return encodeWith(mulaw().encode, samples);
}

/** Decodes G.711 µ-law bytes to 16-bit linear samples. */
export function mulawDecode(data: Uint8Array): Int16Array {
  return decodeWith(mulaw().decode, data);
}

/** Encodes 16-bit linear samples as G.711 A-law (ITU-T G.711, bit-exact with G.191). */
export function alawEncode(samples: Int16Array): Uint8Array {
  return encodeWith(alaw().encode, samples);
}

/** Decodes G.711 A-law bytes to 16-bit linear samples. */
export function alawDecode(data: Uint8Array): Int16Array {
  return decodeWith(alaw().decode, data);
}

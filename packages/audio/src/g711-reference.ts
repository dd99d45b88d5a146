/**
 * Per-sample G.711 conversions, transcribed from the ITU-T G.191 Software Tool Library
 * (`g711.c`: `ulaw_compress`, `ulaw_expand`, `alaw_compress`, `alaw_expand`). They are the
 * reference the lookup tables in `g711.ts` are built from; they are not meant for bulk use.
 *
 * @internal
 */

/** µ-law code of a 16-bit linear sample (G.191 works on the top 14 bits). */
export function mulawEncodeSample(sample: number): number {
  // One's complement for negatives, as in G.191: -1 maps to the same magnitude as 0.
  let magnitude = (sample < 0 ? ~sample : sample) >> 2;
  magnitude += 33; // the µ-law bias, 0x84 at 16-bit scale
  if (magnitude > 0x1fff) magnitude = 0x1fff;
  let segment = 1;
  for (let i = magnitude >> 6; i !== 0; i >>= 1) segment++;
  const high = 8 - segment;
  const low = 0x0f - ((magnitude >> segment) & 0x0f);
  const code = (high << 4) | low;
  return sample >= 0 ? code | 0x80 : code;
}

/** 16-bit linear value of a µ-law code. */
export function mulawDecodeSample(code: number): number {
  const sign = code < 0x80 ? -1 : 1;
  const inverted = ~code;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const step = 4 << (exponent + 1);
  const value = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
  return sign * value + 0; // `+ 0` turns -0 into 0
}

/** A-law code of a 16-bit linear sample (G.191 works on the top 13 bits). */
export function alawEncodeSample(sample: number): number {
  let index = (sample < 0 ? ~sample : sample) >> 4;
  if (index > 15) {
    let exponent = 1;
    while (index > 16 + 15) {
      index >>= 1;
      exponent++;
    }
    index -= 16;
    index += exponent << 4;
  }
  if (sample >= 0) index |= 0x80;
  return index ^ 0x55; // even bits inverted, as G.711 sends them
}

/** 16-bit linear value of an A-law code. */
export function alawDecodeSample(code: number): number {
  const index = (code ^ 0x55) & 0x7f;
  const exponent = index >> 4;
  let mantissa = index & 0x0f;
  if (exponent > 0) mantissa += 16;
  mantissa = (mantissa << 4) + 0x08;
  if (exponent > 1) mantissa <<= exponent - 1;
  return code > 0x7f ? mantissa : -mantissa;
}

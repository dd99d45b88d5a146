import { Buffer } from 'node:buffer';

import { AudioError } from './audio-error.js';

/** Encodes bytes as standard, padded base64 (RFC 4648 §4). */
export function encodeBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/**
 * Decodes standard base64 (RFC 4648 §4; the trailing `=` padding may be omitted).
 *
 * Strict, unlike `Buffer.from(text, 'base64')`, which silently skips invalid characters and so
 * turns a corrupted audio delta into shifted, clicking audio.
 *
 * The result may be a view into Node's shared buffer pool: respect its `byteOffset`.
 *
 * @throws {AudioError} `E_AUDIO_BASE64` naming the first invalid character and its offset.
 */
export function decodeBase64(text: string): Uint8Array {
  const pad = paddingLength(text);
  const dataChars = text.length - pad;
  const decoded = Buffer.from(text, 'base64');
  // Node skips characters outside the alphabet, so any of them makes the output shorter than the
  // length the input promises. '-' and '_' (base64url) are the only ones Node accepts silently.
  const valid =
    pad <= 2 &&
    (pad === 0 || text.length % 4 === 0) &&
    dataChars % 4 !== 1 &&
    decoded.length === Math.floor((dataChars * 3) / 4) &&
    !text.includes('-') &&
    !text.includes('_');
  if (!valid) throw new AudioError('E_AUDIO_BASE64', describeInvalidBase64(text, pad));
  return decoded;
}

function paddingLength(text: string): number {
  let pad = 0;
  while (pad < text.length && text.charCodeAt(text.length - 1 - pad) === 0x3d) pad++;
  return pad;
}

const ALPHABET = /[A-Za-z0-9+/]/;

function describeInvalidBase64(text: string, pad: number): string {
  const dataChars = text.length - pad;
  for (let i = 0; i < dataChars; i++) {
    const char = text.charAt(i);
    if (!ALPHABET.test(char)) {
      return `invalid base64: character ${JSON.stringify(char)} at offset ${i}`;
    }
  }
  if (pad > 2) return `invalid base64: ${pad} '=' padding characters at the end (at most 2)`;
  return `invalid base64: length ${text.length} is not a whole number of base64 quanta`;
}

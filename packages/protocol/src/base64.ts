// Base64 validation for the hottest client event (`input_audio_buffer.append`, ~50 per second per
// session). A regex over 6400 characters costs about twice the JSON.parse of the whole frame;
// Node's native decoder, writing into one reused scratch buffer, is several times faster.

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Frames up to 1 s of 48 kHz pcm16 take the native path; larger ones the regex. */
const SCRATCH_BYTES = 96 * 1024;

interface NodeBufferLike {
  write(text: string, offset: number, length: number, encoding: 'base64'): number;
}
interface NodeBufferClass {
  allocUnsafe(size: number): NodeBufferLike;
}

const nodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;
// Allocated on first use, not at import. Reused: allocating per call costs more than the regex.
let scratch: NodeBufferLike | undefined;

/** Standard base64 (`A–Z a–z 0–9 + /`, `=` padding, length a multiple of 4), by regex; any JS runtime. */
export function isBase64Portable(text: string): boolean {
  return text.length % 4 === 0 && BASE64_RE.test(text);
}

/** Same answer as {@link isBase64Portable}, through Node's native decoder when it exists. */
export function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const decodedBytes = (text.length / 4) * 3 - padding;
  if (nodeBuffer === undefined || decodedBytes > SCRATCH_BYTES) return BASE64_RE.test(text);
  scratch ??= nodeBuffer.allocUnsafe(SCRATCH_BYTES);
  // Node's decoder skips characters outside its alphabet (so a clean decode writes exactly the
  // expected length) but also takes the URL-safe `-` and `_`, which standard base64 does not.
  return (
    scratch.write(text, 0, SCRATCH_BYTES, 'base64') === decodedBytes &&
    !text.includes('-') &&
    !text.includes('_')
  );
}

// Base64 validation for the hottest client event (`input_audio_buffer.append`, ~50 per second per
// session). A regex over 6400 characters costs about twice the JSON.parse of the whole frame;
// Node's native decoder is several times faster, so it is used when present.

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

interface NodeBufferLike {
  from(text: string, encoding: 'base64'): { readonly length: number };
}

const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;

/** Standard base64 (`A–Z a–z 0–9 + /`, `=` padding, length a multiple of 4), by regex; any JS runtime. */
export function isBase64Portable(text: string): boolean {
  return text.length % 4 === 0 && BASE64_RE.test(text);
}

/** Same answer as {@link isBase64Portable}, through Node's native decoder when it exists. */
export function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  if (nodeBuffer === undefined) return BASE64_RE.test(text);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  // Node's decoder skips characters outside its alphabet (so a clean decode has exactly the
  // expected length) but also takes the URL-safe `-` and `_`, which standard base64 does not.
  return (
    nodeBuffer.from(text, 'base64').length === (text.length / 4) * 3 - padding &&
    !text.includes('-') &&
    !text.includes('_')
  );
}

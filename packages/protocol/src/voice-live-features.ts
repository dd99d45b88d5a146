import { ProtocolError } from './protocol-error.js';

/** The request header that switches preview features on for `api-version=v1` (reference §1.1). */
export const VOICE_LIVE_FEATURES_HEADER = 'VoiceLive-Features';

/** Feature name → stage, e.g. `{ BargeIn: 'V1Preview' }`. */
export type VoiceLiveFeatures = Readonly<Record<string, string>>;

export type VoiceLiveFeaturesParse =
  | { readonly ok: true; readonly features: VoiceLiveFeatures }
  | { readonly ok: false; readonly error: ProtocolError };

const TOKEN = /^[A-Za-z0-9._-]+$/;

function invalid(message: string): { ok: false; error: ProtocolError } {
  return {
    ok: false,
    error: new ProtocolError('E_PROTOCOL_INVALID_FIELD', message, {
      param: VOICE_LIVE_FEATURES_HEADER,
    }),
  };
}

/**
 * Parses a `VoiceLive-Features` header value: comma-separated `Key=Value` pairs, spaces around
 * them ignored, order irrelevant. Pass every value of a repeated header joined with `,`, as HTTP
 * allows. A key given twice with different values is an error (which one would win is not defined).
 *
 * @example parseVoiceLiveFeatures('BargeIn=V1Preview, Transcription=V1Preview')
 *   // { ok: true, features: { BargeIn: 'V1Preview', Transcription: 'V1Preview' } }
 */
export function parseVoiceLiveFeatures(value: string): VoiceLiveFeaturesParse {
  const features: Record<string, string> = {};
  for (const rawPair of value.split(',')) {
    const pair = rawPair.trim();
    if (pair === '') continue; // `a=b,` and an empty header: nothing to switch on
    const equals = pair.indexOf('=');
    if (equals < 0) return invalid(`feature '${pair}' has no value: expected Key=Value`);
    const key = pair.slice(0, equals).trim();
    const stage = pair.slice(equals + 1).trim();
    if (!TOKEN.test(key))
      return invalid(`feature name '${key}' is not a token (letters, digits, . _ -)`);
    if (!TOKEN.test(stage)) {
      return invalid(`feature '${key}' has the value '${stage}', which is not a token`);
    }
    const previous = features[key];
    if (previous !== undefined && previous !== stage) {
      return invalid(`feature '${key}' is given twice, as '${previous}' and '${stage}'`);
    }
    features[key] = stage;
  }
  return { ok: true, features: Object.freeze(features) };
}

/**
 * Formats features as a `VoiceLive-Features` header value (`Key=Value, Key=Value`, keys sorted so
 * that equal sets give equal headers); `undefined` when there are none, so no header is sent.
 *
 * @throws ProtocolError `E_PROTOCOL_INVALID_FIELD` for a key or value that is not a token (a comma
 *   or `=` inside one would change the meaning of the header)
 */
export function formatVoiceLiveFeatures(features: VoiceLiveFeatures): string | undefined {
  const keys = Object.keys(features).sort();
  if (keys.length === 0) return undefined;
  return keys
    .map((key) => {
      const stage = features[key] ?? '';
      if (!TOKEN.test(key) || !TOKEN.test(stage)) {
        throw invalid(`feature '${key}=${stage}' cannot be sent: both sides must be tokens`).error;
      }
      return `${key}=${stage}`;
    })
    .join(', ');
}

import { isJsonObject } from './translation-loss.js';
import type { JsonObject, LossLog } from './translation-loss.js';

/** Dated Azure voice option → `v1` `audio.output` field, where the names differ. */
const OPTION_TO_V1: Readonly<Record<string, string>> = {
  temperature: 'voice_temperature',
  endpoint_id: 'custom_voice_endpoint_id',
  model: 'personal_voice_model',
  locale: 'locale',
  style: 'style',
  pitch: 'pitch',
  volume: 'volume',
  prefer_locales: 'prefer_locales',
  custom_lexicon_url: 'custom_lexicon_url',
  custom_text_normalization_url: 'custom_text_normalization_url',
};
const OPTION_TO_DATED: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(OPTION_TO_V1).map(([dated, v1]) => [v1, dated]),
);

/** The `audio.output` fields that describe the voice on `v1`. */
export const V1_VOICE_FIELDS: ReadonlySet<string> = new Set([
  'voice',
  'voice_type',
  'speed',
  ...Object.keys(OPTION_TO_DATED),
]);

const NUMERIC = /^\d+(\.\d+)?$/;

/**
 * A dated `voice` (a bare OpenAI name or a typed object) as `v1` `audio.output` fields: the name in
 * `voice`, the kind in `voice_type`, Azure options under their `v1` names.
 */
export function voiceToV1(voice: unknown, path: string, log: LossLog): JsonObject {
  if (voice === null || typeof voice === 'string') return { voice };
  if (!isJsonObject(voice)) {
    log.lose(path, voice, 'not a voice');
    return {};
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(voice)) {
    if (key === 'type') out['voice_type'] = value;
    else if (key === 'name') out['voice'] = value;
    else if (key === 'rate' && typeof value === 'string' && NUMERIC.test(value)) {
      out['speed'] = Number(value);
    } else if (OPTION_TO_V1[key] !== undefined) out[OPTION_TO_V1[key]] = value;
    else log.lose(`${path}.${key}`, value, 'no v1 voice field for it');
  }
  return out;
}

/**
 * The voice fields of a `v1` `audio.output` as a dated `voice`; `undefined` when none is set. An
 * OpenAI voice without `voice_type` becomes a bare name, so the round trip is exact.
 */
export function voiceToDated(output: JsonObject, path: string, log: LossLog): unknown {
  const voiceType = output['voice_type'];
  const name = output['voice'];
  const options = Object.keys(output).filter(
    (key) => key !== 'voice' && key !== 'voice_type' && V1_VOICE_FIELDS.has(key),
  );
  if (voiceType === undefined || voiceType === null) {
    for (const key of options) {
      log.lose(
        `${path}.${key}`,
        output[key],
        'an OpenAI voice (no voice_type) takes no options on the dated dialect',
      );
    }
    return name;
  }
  const voice: JsonObject = { type: voiceType };
  if (name !== undefined) voice['name'] = name;
  for (const key of options) {
    const value = output[key];
    if (voiceType === 'openai') {
      log.lose(`${path}.${key}`, value, 'a dated OpenAI voice takes no options');
    } else if (key === 'speed') voice['rate'] = String(value);
    else voice[OPTION_TO_DATED[key] ?? key] = value;
  }
  return voice;
}

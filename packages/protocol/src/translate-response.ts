import { formatToDated, outputFormatToV1 } from './translate-audio.js';
import { itemsToDated, itemsToV1 } from './translate-items.js';
import { toolChoiceToDated, toolsToV1 } from './translate-session.js';
import { V1_VOICE_FIELDS, voiceToDated, voiceToV1 } from './translate-voice.js';
import { isJsonObject } from './translation-loss.js';
import type { JsonObject, LossLog } from './translation-loss.js';

function outputOf(out: JsonObject): JsonObject {
  const audio = (out['audio'] ??= {}) as JsonObject;
  return (audio['output'] ??= {}) as JsonObject;
}

function modalitiesToV1(value: unknown): unknown {
  return Array.isArray(value) ? (value.includes('audio') ? ['audio'] : ['text']) : value;
}
function modalitiesToDated(value: unknown): unknown {
  return Array.isArray(value) ? (value.includes('audio') ? ['text', 'audio'] : ['text']) : value;
}

/** Response object (`response.created`/`response.done`), dated → `v1`. */
export function responseObjectToV1(response: JsonObject, path: string, log: LossLog): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(response)) {
    const at = `${path}.${key}`;
    if (key === 'modalities') out['output_modalities'] = modalitiesToV1(value);
    else if (key === 'output') out['output'] = itemsToV1(value, at, log);
    else if (key === 'output_audio_format') {
      const format = outputFormatToV1(value, at, log);
      if (format !== undefined) outputOf(out)['format'] = format;
    } else if (key === 'voice') {
      // A response echoes its voice by name only on v1.
      const fields = voiceToV1(value, at, log);
      if (fields['voice'] !== undefined) outputOf(out)['voice'] = fields['voice'];
    } else if (key === 'temperature') log.lose(at, value, 'the v1 response has no temperature');
    else out[key] = value;
  }
  return out;
}

/** Response object, `v1` → dated. */
export function responseObjectToDated(
  response: JsonObject,
  path: string,
  log: LossLog,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(response)) {
    const at = `${path}.${key}`;
    if (key === 'output_modalities') out['modalities'] = modalitiesToDated(value);
    else if (key === 'output') out['output'] = itemsToDated(value);
    else if (key === 'audio' && isJsonObject(value) && isJsonObject(value['output'])) {
      const output = value['output'];
      if (output['voice'] !== undefined) out['voice'] = output['voice'];
      if (output['format'] !== undefined) {
        const format = formatToDated(
          { format: output['format'], direction: 'output' },
          `${at}.output.format`,
          log,
        );
        if (format !== undefined) out['output_audio_format'] = format.name;
      }
    } else out[key] = value;
  }
  return out;
}

const OVERRIDES_DATED_ONLY: Readonly<Record<string, string>> = {
  temperature: 'a v1 response has no temperature',
  commit: 'v1 has no commit override',
  cancel_previous: 'v1 has no cancel_previous override',
  append_input_items: 'v1 has no append_input_items; use input for the whole context',
  pre_generated_assistant_message: 'v1 has no pre-generated assistant message',
  reasoning_effort: 'a v1 response has no reasoning_effort',
  interim_response: 'a v1 response has no interim_response',
  animation: 'a v1 response has no animation override',
};

/**
 * `response.create`'s `response` overrides, dated → `v1` params. The dated event-level
 * `additional_instructions` moves inside the params on `v1`.
 */
export function overridesToV1(
  {
    overrides,
    additionalInstructions,
  }: { readonly overrides: JsonObject; readonly additionalInstructions: unknown },
  path: string,
  log: LossLog,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(overrides)) {
    const at = `${path}.${key}`;
    if (key === 'modalities') out['output_modalities'] = modalitiesToV1(value);
    else if (key === 'max_response_output_tokens') out['max_output_tokens'] ??= value;
    else if (key === 'max_output_tokens') out['max_output_tokens'] = value;
    else if (key === 'input_items') out['input'] = itemsToV1(value, at, log);
    else if (key === 'tools') out['tools'] = toolsToV1(value, at, log);
    else if (key === 'voice') Object.assign(outputOf(out), voiceToV1(value, at, log));
    else if (key === 'output_audio_format') {
      const format = outputFormatToV1(value, at, log);
      if (format !== undefined) outputOf(out)['format'] = format;
    } else if (OVERRIDES_DATED_ONLY[key] !== undefined)
      log.lose(at, value, OVERRIDES_DATED_ONLY[key]);
    else out[key] = value;
  }
  if (additionalInstructions !== undefined) out['additional_instructions'] = additionalInstructions;
  return out;
}

/** `response.create`'s `v1` params, → dated overrides and the event-level additional instructions. */
export function paramsToDated(
  params: JsonObject,
  path: string,
  log: LossLog,
): { readonly overrides: JsonObject; readonly additionalInstructions: unknown } {
  const out: JsonObject = {};
  let additionalInstructions: unknown;
  for (const [key, value] of Object.entries(params)) {
    const at = `${path}.${key}`;
    if (key === 'output_modalities') out['modalities'] = modalitiesToDated(value);
    else if (key === 'input') out['input_items'] = itemsToDated(value);
    else if (key === 'additional_instructions') additionalInstructions = value;
    else if (key === 'tool_choice') {
      const choice = toolChoiceToDated(value, at, log);
      if (choice !== undefined) out['tool_choice'] = choice;
    } else if (key === 'conversation' && value !== 'auto' && value !== 'none' && value != null) {
      log.lose(at, value, "the dated dialect takes conversation 'auto' or 'none' only");
    } else if (key === 'prompt') log.lose(at, value, 'the dated dialect has no stored prompts');
    else if (key === 'audio' && isJsonObject(value)) {
      for (const [side, settings] of Object.entries(value)) {
        if (side !== 'output' || !isJsonObject(settings)) {
          log.lose(`${at}.${side}`, settings, 'no dated counterpart');
          continue;
        }
        const voice = voiceToDated(settings, `${at}.output`, log);
        if (voice !== undefined) out['voice'] = voice;
        for (const [field, v] of Object.entries(settings)) {
          if (field === 'format') {
            const format = formatToDated(
              { format: v, direction: 'output' },
              `${at}.output.format`,
              log,
            );
            if (format !== undefined) out['output_audio_format'] = format.name;
          } else if (!V1_VOICE_FIELDS.has(field)) {
            log.lose(`${at}.output.${field}`, v, 'no dated counterpart');
          }
        }
      }
    } else out[key] = value;
  }
  return { overrides: out, additionalInstructions };
}

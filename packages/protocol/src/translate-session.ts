import { formatToDated, inputFormatToV1, outputFormatToV1 } from './translate-audio.js';
import { V1_VOICE_FIELDS, voiceToDated, voiceToV1 } from './translate-voice.js';
import { isJsonObject } from './translation-loss.js';
import type { JsonObject, LossLog } from './translation-loss.js';

/** Fields with the same name and shape in both dialects' sessions. */
const SAME = new Set([
  'model',
  'instructions',
  'tool_choice',
  'include',
  'avatar',
  'animation',
  'metadata',
  'id',
  'object',
  'expires_at',
]);

/** Dated session fields that moved under `audio.input`/`audio.output` on `v1`. */
const INPUT_MOVES: Readonly<Record<string, string>> = {
  turn_detection: 'turn_detection',
  input_audio_noise_reduction: 'noise_reduction',
  input_audio_echo_cancellation: 'echo_cancellation',
  input_audio_transcription: 'transcription',
};
const INPUT_MOVES_BACK: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(INPUT_MOVES).map(([dated, v1]) => [v1, dated]),
);

/** Dated fields `v1` has no place for, with the reason given when one is left out. */
const DATED_ONLY: Readonly<Record<string, string>> = {
  temperature: 'the v1 (GA) session has no temperature',
  reasoning_effort: 'the v1 session has no reasoning_effort',
  interim_response: 'the v1 session has no interim_response',
  agent: 'agent sessions are described by the connection on v1',
};
const V1_ONLY: Readonly<Record<string, string>> = {
  tracing: 'the dated dialect has no tracing',
  truncation: 'the dated dialect has no truncation setting',
  prompt: 'the dated dialect has no stored prompts',
  response_delimiter: 'the dated dialect has no response_delimiter',
};

/** Modalities: dated `["text","audio"]` is GA `["audio"]` (audio always comes with its transcript). */
function modalitiesToV1(value: unknown, path: string, log: LossLog): unknown {
  if (!Array.isArray(value)) return value;
  for (const [index, modality] of value.entries()) {
    if (modality !== 'text' && modality !== 'audio') {
      log.lose(
        `${path}[${index}]`,
        modality,
        'v1 output_modalities are text or audio; use the avatar/animation settings',
      );
    }
  }
  return value.includes('audio') ? ['audio'] : ['text'];
}

function modalitiesToDated(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.includes('audio') ? ['text', 'audio'] : ['text'];
}

/** Keeps the tools the other dialect has (function, MCP); reports the others by index. */
export function toolsToV1(tools: unknown, path: string, log: LossLog): unknown {
  if (!Array.isArray(tools)) return tools;
  return tools.filter((tool: unknown, index) => {
    const type = isJsonObject(tool) ? tool['type'] : undefined;
    if (type === 'function' || type === 'mcp') return true;
    log.lose(
      `${path}[${index}]`,
      tool,
      `v1 has function and mcp tools only, not '${String(type)}'`,
    );
    return false;
  });
}

export function toolChoiceToDated(choice: unknown, path: string, log: LossLog): unknown {
  if (isJsonObject(choice) && choice['type'] === 'mcp') {
    log.lose(path, choice, 'the dated dialect cannot force an MCP tool');
    return undefined;
  }
  return choice;
}

/** Adds `fields` to `audio.input` or `audio.output` of `target`. */
function setIn(target: JsonObject, key: 'input' | 'output', fields: JsonObject): void {
  const audio = (target['audio'] ??= {}) as JsonObject;
  Object.assign((audio[key] ??= {}) as JsonObject, fields);
}

/**
 * A dated session (request or response form) in the `v1` shape. `type: "realtime"` comes first, as
 * GA servers send it; audio settings move under `audio.input`/`audio.output`.
 */
export function sessionToV1(session: JsonObject, path: string, log: LossLog): JsonObject {
  const out: JsonObject = { type: 'realtime' };
  for (const [key, value] of Object.entries(session)) {
    const at = `${path}.${key}`;
    if (SAME.has(key)) out[key] = value;
    else if (key === 'modalities') out['output_modalities'] = modalitiesToV1(value, at, log);
    else if (key === 'max_response_output_tokens') out['max_output_tokens'] = value;
    else if (key === 'tools') out['tools'] = toolsToV1(value, at, log);
    else if (key === 'voice') {
      setIn(out, 'output', voiceToV1(value, at, log));
    } else if (key === 'input_audio_format' || key === 'input_audio_sampling_rate') {
      // Both become one format object; the second one of the pair finds it done.
      if (key === 'input_audio_sampling_rate' && 'input_audio_format' in session) continue;
      const format = inputFormatToV1(
        { format: session['input_audio_format'], rate: session['input_audio_sampling_rate'] },
        path,
        log,
      );
      if (format !== undefined) setIn(out, 'input', { format });
    } else if (key === 'output_audio_format') {
      const format = outputFormatToV1(value, at, log);
      if (format !== undefined) setIn(out, 'output', { format });
    } else if (key === 'output_audio_timestamp_types') {
      setIn(out, 'output', { output_audio_timestamp_types: value });
    } else if (INPUT_MOVES[key] !== undefined) setIn(out, 'input', { [INPUT_MOVES[key]]: value });
    else if (DATED_ONLY[key] !== undefined) log.lose(at, value, DATED_ONLY[key]);
    // A field neither dialect lists (a newer addition) goes on unchanged.
    else out[key] = value;
  }
  return out;
}

function audioInputToDated(input: JsonObject, path: string, log: LossLog): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    const at = `${path}.${key}`;
    if (key === 'format') {
      const format = formatToDated({ format: value, direction: 'input' }, at, log);
      if (format === undefined) continue;
      out['input_audio_format'] = format.name;
      if (format.rate !== undefined) out['input_audio_sampling_rate'] = format.rate;
    } else if (key === 'sampling_rate') out['input_audio_sampling_rate'] = value;
    else if (INPUT_MOVES_BACK[key] !== undefined) out[INPUT_MOVES_BACK[key]] = value;
    else log.lose(at, value, 'no dated counterpart');
  }
  return out;
}

function audioOutputToDated(output: JsonObject, path: string, log: LossLog): JsonObject {
  const out: JsonObject = {};
  const voice = voiceToDated(output, path, log);
  if (voice !== undefined) out['voice'] = voice;
  for (const [key, value] of Object.entries(output)) {
    const at = `${path}.${key}`;
    if (V1_VOICE_FIELDS.has(key)) continue;
    if (key === 'format') {
      const format = formatToDated({ format: value, direction: 'output' }, at, log);
      if (format !== undefined) out['output_audio_format'] = format.name;
    } else if (key === 'output_audio_timestamp_types' || key === 'timestamp_types') {
      out['output_audio_timestamp_types'] = value;
    } else log.lose(at, value, 'no dated counterpart');
  }
  return out;
}

/** A `v1` session (request or response form) in the dated shape. */
export function sessionToDated(session: JsonObject, path: string, log: LossLog): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(session)) {
    const at = `${path}.${key}`;
    if (key === 'type') {
      // The one session type both dialects serve; the dated shape leaves it implicit.
      if (value !== 'realtime')
        log.lose(at, value, 'the dated dialect serves realtime sessions only');
    } else if (SAME.has(key)) {
      out[key] = key === 'tool_choice' ? toolChoiceToDated(value, at, log) : value;
      if (out[key] === undefined) delete out[key];
    } else if (key === 'tools') out['tools'] = value;
    else if (key === 'output_modalities') out['modalities'] = modalitiesToDated(value);
    else if (key === 'max_output_tokens') out['max_response_output_tokens'] = value;
    else if (key === 'audio') {
      if (value === null) continue;
      if (!isJsonObject(value)) {
        log.lose(at, value, 'not an audio settings object');
        continue;
      }
      for (const [side, settings] of Object.entries(value)) {
        if (side === 'input' && isJsonObject(settings))
          Object.assign(out, audioInputToDated(settings, `${at}.input`, log));
        else if (side === 'output' && isJsonObject(settings))
          Object.assign(out, audioOutputToDated(settings, `${at}.output`, log));
        else if (settings !== null) log.lose(`${at}.${side}`, settings, 'no dated counterpart');
      }
    } else if (V1_ONLY[key] !== undefined) log.lose(at, value, V1_ONLY[key]);
    else out[key] = value;
  }
  return out;
}

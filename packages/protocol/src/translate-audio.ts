import { isJsonObject } from './translation-loss.js';
import type { JsonObject, LossLog } from './translation-loss.js';

const PCM_RATE = /^pcm16_(\d+)hz$/;

/** A dated input format (+ sampling rate) as a `v1` format object. */
export function inputFormatToV1(
  { format, rate }: { readonly format: unknown; readonly rate: unknown },
  path: string,
  log: LossLog,
): JsonObject | null | undefined {
  if (format === null) return null;
  if (format === undefined || format === 'pcm16') {
    return typeof rate === 'number' ? { type: 'audio/pcm', rate } : { type: 'audio/pcm' };
  }
  if (format === 'g711_ulaw' || format === 'g711_alaw') {
    if (typeof rate === 'number' && rate !== 8000) {
      log.lose(`${path}.input_audio_sampling_rate`, rate, 'G.711 is 8000 Hz on v1; no other rate');
    }
    return { type: format === 'g711_ulaw' ? 'audio/pcmu' : 'audio/pcma' };
  }
  log.lose(`${path}.input_audio_format`, format, 'no v1 audio format for this value');
  return undefined;
}

/** A dated output format name as a `v1` format object. */
export function outputFormatToV1(
  format: unknown,
  path: string,
  log: LossLog,
): JsonObject | null | undefined {
  if (format === null) return null;
  if (format === 'pcm16') return { type: 'audio/pcm' };
  if (format === 'g711_ulaw') return { type: 'audio/pcmu' };
  if (format === 'g711_alaw') return { type: 'audio/pcma' };
  const rate = typeof format === 'string' ? PCM_RATE.exec(format)?.[1] : undefined;
  if (rate !== undefined) return { type: 'audio/pcm', rate: Number(rate) };
  log.lose(path, format, 'no v1 audio format for this value');
  return undefined;
}

/** A `v1` format object as the dated name and, for input, the sampling rate. */
export function formatToDated(
  { format, direction }: { readonly format: unknown; readonly direction: 'input' | 'output' },
  path: string,
  log: LossLog,
): { readonly name: string | null; readonly rate?: number } | undefined {
  if (format === null) return { name: null };
  if (!isJsonObject(format)) {
    log.lose(path, format, 'not a v1 audio format object');
    return undefined;
  }
  for (const key of Object.keys(format)) {
    if (key !== 'type' && key !== 'rate') {
      log.lose(`${path}.${key}`, format[key], 'no dated counterpart');
    }
  }
  const rate = format['rate'];
  switch (format['type']) {
    case 'audio/pcm':
      if (typeof rate !== 'number') return { name: 'pcm16' };
      // Input carries the rate beside the format name; output spells it in the name.
      return direction === 'input' ? { name: 'pcm16', rate } : { name: `pcm16_${rate}hz` };
    case 'audio/pcmu':
      return { name: 'g711_ulaw' };
    case 'audio/pcma':
      return { name: 'g711_alaw' };
    default:
      log.lose(`${path}.type`, format['type'], 'no dated audio format for this type');
      return undefined;
  }
}

import { VadError } from './vad-error.js';
import type { VadEngine, VadOptions, VadType } from './vad-types.js';

/** {@link VadOptions} checked, with the defaults filled in. */
export interface ResolvedVadOptions {
  readonly engine: VadEngine;
  readonly type: VadType;
  readonly threshold: number;
  readonly prefixPaddingMs: number;
  readonly silenceDurationMs: number;
  readonly speechDurationMs: number;
}

// Protocol §4.3: server_vad documents 200 ms; the Azure semantic VADs 80 ms. OpenAI's semantic_vad
// documents none, so it gets the semantic value.
const SPEECH_DURATION_MS: Readonly<Record<VadType, number>> = {
  server_vad: 200,
  azure_semantic_vad: 80,
  azure_semantic_vad_en: 80,
  azure_semantic_vad_multilingual: 80,
  semantic_vad: 80,
};

function isVadType(type: unknown): type is VadType {
  return typeof type === 'string' && Object.hasOwn(SPEECH_DURATION_MS, type);
}

function checkMs(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new VadError(
      'E_VAD_OPTIONS',
      `${name} must be a finite number >= 0, got ${String(value)}`,
    );
  }
  return value;
}

/** @throws VadError `E_VAD_OPTIONS` naming the first bad option */
export function resolveVadOptions(options: VadOptions): ResolvedVadOptions {
  const { type, threshold, sampleRate } = options;
  if (!isVadType(type)) {
    throw new VadError(
      'E_VAD_OPTIONS',
      `type must be one of ${Object.keys(SPEECH_DURATION_MS).join(', ')}; got ${JSON.stringify(type)}`,
    );
  }
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new VadError('E_VAD_OPTIONS', `threshold must be in 0..1, got ${String(threshold)}`);
  }
  if (sampleRate !== 16000) {
    throw new VadError('E_VAD_OPTIONS', `sampleRate must be 16000, got ${String(sampleRate)}`);
  }
  const engine = options.engine ?? 'energy';
  if (engine !== 'energy' && engine !== 'silero') {
    throw new VadError(
      'E_VAD_OPTIONS',
      `engine must be 'energy' or 'silero', got ${JSON.stringify(engine)}`,
    );
  }
  return {
    engine,
    type,
    threshold,
    prefixPaddingMs: checkMs('prefixPaddingMs', options.prefixPaddingMs),
    silenceDurationMs: checkMs('silenceDurationMs', options.silenceDurationMs),
    speechDurationMs:
      options.speechDurationMs === undefined
        ? SPEECH_DURATION_MS[type]
        : checkMs('speechDurationMs', options.speechDurationMs),
  };
}
